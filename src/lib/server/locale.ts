/**
 * The language a person chose with the language switcher, remembered in a cookie for a year, so
 * that the pages with no language in their address (the start page, signing in) open in it.
 * Everywhere else the address says the language (`/fr/…`): English has no prefix, so the
 * address cannot tell "English" from "not said" and the switcher's choice is what remembers.
 */
import type { Cookies } from '@sveltejs/kit';
import { cookieName, getLocale, isLocale, type Locale } from '$lib/paraglide/runtime';

export function preferredLocale(cookies: Cookies): Locale {
	const remembered = cookies.get(cookieName);
	return remembered && isLocale(remembered) ? remembered : getLocale();
}
