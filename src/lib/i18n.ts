/** Languages of the interface: ITU's six official languages (domain.md). */
import type { ResolvedPathname } from '$app/types';
import type { DraftOpinion, Localized, OpinionParagraph, Translations } from '$lib/forum/types';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';

export const RTL_LOCALES = new Set(['ar']);

export function isRtl(locale: string): boolean {
	return RTL_LOCALES.has(locale);
}

/**
 * A number, time or name written left to right, set inside a sentence of a right-to-left page:
 * isolated (LRI … PDI, what `<bdi dir="ltr">` does in markup) so that "+0:15" or "3:00" keeps its
 * order. Unchanged in left-to-right languages.
 */
export function isolated(text: string | number, locale: string = getLocale()): string {
	return isRtl(locale) ? `\u2066${text}\u2069` : String(text);
}

/**
 * A time of day as the room reads it, "14:05": 24-hour, in the device's time zone, with the
 * digits of the timers (Latin digits in Arabic too, so that a time and a countdown look alike).
 */
export function formatTime(at: number, locale: string = getLocale()): string {
	return new Intl.DateTimeFormat(locale, {
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		numberingSystem: 'latn'
	}).format(at);
}

/** A count as the reader writes it ("10,001", "10 001"), in Latin digits like the timers. */
export function formatNumber(n: number, locale: string = getLocale()): string {
	return new Intl.NumberFormat(locale, { numberingSystem: 'latn' }).format(n);
}

/**
 * A path of the app in the reader's language (`/fr/forums/wtpf-26`). The URL comes first in the
 * language strategy and English has no prefix, so a plain `resolve()` link would take a French
 * reader back to English.
 */
export function localizedPath(path: ResolvedPathname): ResolvedPathname {
	return localizeHref(path) as ResolvedPathname;
}

/**
 * The forum's own content in the reader's language where it exists, otherwise English, marked
 * as such so the page can say so (and set `lang="en"` on it).
 */
export function localized(text: Localized, locale: string): InLanguage {
	const own = (text as Record<string, string | undefined>)[locale];
	if (own) return { text: own, lang: locale, fallback: false };
	return { text: text.en, lang: 'en', fallback: locale !== 'en' };
}

/** A text as shown: its wording, the language it is in, and whether that is English instead of the reader's. */
export interface InLanguage {
	text: string;
	lang: string;
	fallback: boolean;
}

/** An English text and its optional translations, in the reader's language where there is one. */
export function translated(
	english: string,
	translations: Translations | undefined,
	locale: string
): InLanguage {
	return localized({ ...translations, en: english }, locale);
}

/** A draft opinion's title in the reader's language, otherwise English. */
export function opinionTitle(
	opinion: Pick<DraftOpinion, 'title' | 'titleTranslations'>,
	locale: string
): InLanguage {
	return translated(opinion.title, opinion.titleTranslations, locale);
}

/** A paragraph of an opinion in the reader's language, otherwise English (an amended wording is). */
export function paragraphText(paragraph: OpinionParagraph, locale: string): InLanguage {
	return translated(paragraph.text, paragraph.translations, locale);
}
