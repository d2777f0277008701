/**
 * Display links: the secretariat creates one per projector; opening it stores its key in an
 * httpOnly cookie, and that browser then sees the forum's public content, nothing else, and
 * can send no command. Keys are stored hashed, like session tokens.
 */
import type { DB } from '../db';
import { generateSessionToken, sessionIdOf } from './session';

export const DISPLAY_COOKIE = 'plenary_display';

export async function createDisplayLink(
	db: DB,
	forum: string,
	label: string,
	createdBy: string
): Promise<{ key: string; id: string }> {
	const key = generateSessionToken();
	const id = sessionIdOf(key);
	await db
		.insertInto('display_links')
		.values({ id, forum, label, created_by: createdBy, created_at: Date.now(), revoked_at: null })
		.execute();
	return { key, id };
}

/** The forum a display key opens, or null if the key is unknown or revoked. */
export async function validateDisplayKey(db: DB, key: string): Promise<{ forum: string } | null> {
	const row = await db
		.selectFrom('display_links')
		.select(['forum', 'revoked_at'])
		.where('id', '=', sessionIdOf(key))
		.executeTakeFirst();
	if (!row || row.revoked_at !== null) return null;
	return { forum: row.forum };
}

export async function revokeDisplayLink(db: DB, forum: string, id: string): Promise<boolean> {
	const result = await db
		.updateTable('display_links')
		.set({ revoked_at: Date.now() })
		.where('id', '=', id)
		.where('forum', '=', forum)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export function displayCookieOptions(secure: boolean) {
	return {
		httpOnly: true,
		sameSite: 'lax' as const,
		secure,
		path: '/',
		maxAge: 60 * 60 * 24 * 30
	};
}
