/**
 * The interface's words in the reader's language, and only in it. The page's JavaScript carries
 * the English messages (the base language, and the fallback); those of the five other languages
 * are one module each, loaded by `init` in hooks.client.ts before the page hydrates, so a reader
 * in French downloads the French words and none of the four others (messages.vite.ts rewrites
 * Paraglide's dispatch in the browser build to read them from here; the server keeps all six).
 */
import type { Locale } from '$lib/paraglide/runtime';

type Messages = Record<string, (inputs?: never) => string>;

/** the modules loaded so far, by language */
export const loaded: Partial<Record<Locale, Messages>> = {};

/** each a module whose named exports are the messages (messages.vite.ts) */
const modules: Partial<Record<Locale, () => Promise<unknown>>> = {
	fr: () => import('virtual:plenary-messages/fr'),
	es: () => import('virtual:plenary-messages/es'),
	ar: () => import('virtual:plenary-messages/ar'),
	zh: () => import('virtual:plenary-messages/zh'),
	ru: () => import('virtual:plenary-messages/ru')
};

/** Loads `locale`'s messages (English is built in); the page falls back to English until then. */
export async function loadMessages(locale: Locale): Promise<void> {
	const load = modules[locale];
	if (load && !loaded[locale]) loaded[locale] = (await load()) as Messages;
}
