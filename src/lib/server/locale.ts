/**
 * The language a person last read the app in: Paraglide's page runtime keeps it in a cookie (it
 * writes the page's language there as each page starts). The pages whose address says no
 * language of its own (the start page, the sign-in page reached by signing out) open in it.
 * Everywhere else the address says the language (`/fr/…`; English has no prefix).
 */
import type { Cookies } from '@sveltejs/kit';
import { cookieName, getLocale, isLocale, type Locale } from '$lib/paraglide/runtime';

export function preferredLocale(cookies: Cookies): Locale {
	const remembered = cookies.get(cookieName);
	return remembered && isLocale(remembered) ? remembered : getLocale();
}
