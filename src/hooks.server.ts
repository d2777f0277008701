import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { isRtl } from '$lib/i18n';
import { rememberLocale } from '$lib/server/locale';
import { compressedResponse } from '$lib/server/encoded-body';
import { app, startApp } from '$lib/server/app';
import {
	SESSION_COOKIE,
	sessionCookieOptions,
	validateSessionToken
} from '$lib/server/auth/session';
import { log } from '$lib/server/log';
import { observe, operations } from '$lib/server/operations';
import { connectAdapter } from '$lib/server/cluster';
import { attachRealtime, currentIo } from '$lib/server/realtime';

export const init: ServerInit = async () => {
	if (building) return;
	const since = performance.now();
	const started = await startApp();
	const io = currentIo();
	if (io) {
		await connectAdapter(io);
		attachRealtime(io, started);
	}
	observe(started, io);
	log.info(
		{ forums: started.forums.slugs().length, ms: Math.round(performance.now() - since) },
		'forums loaded'
	);
};

/** Unexpected errors (a bug, a lost database): logged with the request, never its headers. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return;
	log.error(
		{ err: error, method: event.request.method, path: event.url.pathname, status },
		message
	);
};

/**
 * The language of the page: `lang` and `dir` on <html> (Arabic is written right to left), and
 * remembered for the pages whose address says none (locale.ts).
 */
const language: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, async ({ request, locale }) => {
		event.request = request;
		const response = await resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace('%lang%', locale).replace('%dir%', isRtl(locale) ? 'rtl' : 'ltr')
		});
		return rememberLocale(event, locale, response);
	});

const session: Handle = async ({ event, resolve }) => {
	// Prerendering (the offline page) happens at build time, without a database or a session.
	if (building) return resolve(event);
	const { db } = await app();
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.account = null;
	event.locals.session = null;
	if (token) {
		const { session, account } = await validateSessionToken(db, token);
		if (session) {
			// Sliding expiry: the cookie follows the session's (possibly extended) end.
			event.cookies.set(
				SESSION_COOKIE,
				token,
				sessionCookieOptions(session.expiresAt, event.url.protocol === 'https:')
			);
			event.locals.account = account;
			event.locals.session = session;
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

/** Large pages and JSON answers compressed for the wire, as the browser accepts (encoded-body.ts). */
const compression: Handle = async ({ event, resolve }) =>
	compressedResponse(event.request, await resolve(event));

// Compression outermost, on whatever the others answer; then health, readiness and metrics: no
// language, no session, nothing cached.
export const handle = sequence(compression, operations, language, session);
