/**
 * Sessions as in Lucia's recipe: a random token in an httpOnly cookie; the database keeps only
 * its SHA-256 as the session id; 30-day sessions, extended when fewer than 15 days remain.
 */
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { createHash } from 'node:crypto';
import { compiledOnce } from '../compiled';
import type { DB } from '../db';

export const SESSION_COOKIE = 'plenary_session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
const RENEW_WITHIN = 15 * DAY;

export interface Session {
	id: string;
	accountId: string;
	expiresAt: number;
}

export interface Account {
	id: string;
	email: string;
	name: string;
}

export function generateSessionToken(): string {
	const bytes = new Uint8Array(18);
	crypto.getRandomValues(bytes);
	return encodeBase64urlNoPadding(bytes);
}

/** The token's SHA-256 in lowercase hex (node:crypto: a tenth of the pure-JS hash's time). */
export function sessionIdOf(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function createSession(db: DB, token: string, accountId: string): Promise<Session> {
	const session = { id: sessionIdOf(token), accountId, expiresAt: Date.now() + SESSION_LIFETIME };
	await db
		.insertInto('sessions')
		.values({ id: session.id, account_id: accountId, expires_at: session.expiresAt })
		.execute();
	return session;
}

export type SessionValidation =
	{ session: Session; account: Account } | { session: null; account: null };

/** A session and its account, by session id: on every page load and socket handshake. */
const sessionWithAccount = compiledOnce((db: DB, id: string) =>
	db
		.selectFrom('sessions')
		.innerJoin('accounts', 'accounts.id', 'sessions.account_id')
		.select([
			'sessions.id',
			'sessions.expires_at',
			'accounts.id as accountId',
			'accounts.email',
			'accounts.name'
		])
		.where('sessions.id', '=', id)
);

export async function validateSessionToken(db: DB, token: string): Promise<SessionValidation> {
	const id = sessionIdOf(token);
	const [row] = await sessionWithAccount(db, id);
	if (!row) return { session: null, account: null };
	const now = Date.now();
	if (now >= row.expires_at) {
		await db.deleteFrom('sessions').where('id', '=', id).execute();
		return { session: null, account: null };
	}
	let expiresAt = row.expires_at;
	if (expiresAt - now < RENEW_WITHIN) {
		expiresAt = now + SESSION_LIFETIME;
		await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
	}
	return {
		session: { id, accountId: row.accountId, expiresAt },
		account: { id: row.accountId, email: row.email, name: row.name }
	};
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function invalidateAllSessions(db: DB, accountId: string): Promise<void> {
	await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
}

export function sessionCookieOptions(expiresAt: number, secure: boolean) {
	return {
		httpOnly: true,
		sameSite: 'lax' as const,
		secure,
		path: '/',
		expires: new Date(expiresAt)
	};
}
