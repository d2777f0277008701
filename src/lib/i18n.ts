/** Languages of the interface: ITU's six official languages (domain.md). */
import type { Localized } from '$lib/forum/types';

export const RTL_LOCALES = new Set(['ar']);

export function isRtl(locale: string): boolean {
	return RTL_LOCALES.has(locale);
}

/**
 * The forum's own content in the reader's language where it exists, otherwise English, marked
 * as such so the page can say so (and set `lang="en"` on it).
 */
export function localized(
	text: Localized,
	locale: string
): { text: string; lang: string; fallback: boolean } {
	const own = (text as Record<string, string | undefined>)[locale];
	if (own) return { text: own, lang: locale, fallback: false };
	return { text: text.en, lang: 'en', fallback: locale !== 'en' };
}
