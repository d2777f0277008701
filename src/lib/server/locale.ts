/**
 * The language a person last read the app in: Paraglide's page runtime keeps it in a cookie (it
 * writes the page's language there as each page starts). The pages whose address says no
 * language of its own (the start page, the sign-in page reached by signing out) open in it.
 * Everywhere else the address says the language (`/fr/…`; English has no prefix).
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, getLocale, isLocale, type Locale } from '$lib/paraglide/runtime';

export function preferredLocale(cookies: Cookies): Locale {
	const remembered = cookies.get(cookieName);
	return remembered && isLocale(remembered) ? remembered : getLocale();
}

/**
 * Writes down the language a page is shown in, as the page's runtime does when it starts (the
 * same cookie, readable by that runtime), but with the page itself: someone who picks a language
 * and leaves before the page's code has run (a slow tablet, a dropped connection) is remembered in
 * it too. Shown pages only, as in the browser: not a redirect (the start page's, which reads the
 * cookie), not the HTTP API or a page's data, and only when the cookie says otherwise.
 */
export function rememberLocale(event: RequestEvent, locale: Locale, response: Response): Response {
	const shown =
		event.request.method === 'GET' &&
		!(response.status >= 300 && response.status < 400) &&
		(response.headers.get('content-type') ?? '').startsWith('text/html');
	if (!shown || event.cookies.get(cookieName) === locale) return response;
	const secure = event.url.protocol === 'https:' ? '; Secure' : '';
	response.headers.append(
		'set-cookie',
		`${cookieName}=${locale}; Path=/; Max-Age=${cookieMaxAge}; SameSite=Lax${secure}`
	);
	return response;
}
