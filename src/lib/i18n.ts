/** Languages of the interface: ITU's six official languages (domain.md). */
import type { DraftOpinion, Localized, OpinionParagraph, Translations } from '$lib/forum/types';

export const RTL_LOCALES = new Set(['ar']);

export function isRtl(locale: string): boolean {
	return RTL_LOCALES.has(locale);
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
