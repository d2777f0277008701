/**
 * What an account does to its own sessions: sign out, change its password. Both end every session
 * of the account and close its sockets on every device (issue 9): a tablet left in the room is
 * signed out from the laptop, and a password someone else learnt stops working everywhere at once.
 */
import type { DB } from '../db';
import { currentIo, disconnectAccount } from '../realtime';
import { recordAudit } from './audit';
import { hashPassword, verifyPassword } from './password';
import {
	createSession,
	generateSessionToken,
	invalidateAllSessions,
	type Account,
	type Session
} from './session';
import { recordFailure, recordSuccess, waitBeforeAttempt } from './throttle';

/** Ends every session of the account, closes its sockets, and records it. */
export async function signOutEverywhere(db: DB, account: Account, address: string): Promise<void> {
	await invalidateAllSessions(db, account.id);
	disconnectAccount(
		currentIo(),
		account.id,
		'This account was signed out. Sign in again to continue.'
	);
	await recordAudit(db, { kind: 'sign_out', accountId: account.id, email: account.email, address });
}

export const PASSWORD_MIN_LENGTH = 12;
/** argon2id hashes whatever it is given; a bound keeps one request from costing seconds. */
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordChange =
	| { ok: true; token: string; session: Session }
	| { ok: false; status: 400 | 403 | 429; code: string; message: string };

/**
 * Verifies the current password (throttled like a sign-in: a stolen session must not become a
 * way to guess the password), stores the new hash, ends every session of the account and opens a
 * fresh one for the device that asked, in one transaction; then closes the account's sockets.
 */
export async function changePassword(
	db: DB,
	account: Account,
	current: string,
	next: string,
	address: string
): Promise<PasswordChange> {
	const problem = newPasswordProblem(current, next);
	if (problem) return { ok: false, status: 400, code: 'weak_password', message: problem };
	const keys = [`account:${account.email}`, `address:${address}`];
	const wait = await waitBeforeAttempt(db, keys);
	if (wait > 0) {
		await recordAudit(db, {
			kind: 'password_change_failed',
			accountId: account.id,
			email: account.email,
			address,
			detail: 'too_many_attempts'
		});
		return {
			ok: false,
			status: 429,
			code: 'too_many_attempts',
			message: `Too many wrong passwords. Try again in ${Math.ceil(wait / 1000)} seconds, or ask the secretariat.`
		};
	}
	const row = await db
		.selectFrom('accounts')
		.select('password_hash')
		.where('id', '=', account.id)
		.executeTakeFirst();
	if (!row || !(await verifyPassword(row.password_hash, current))) {
		await recordFailure(db, keys);
		await recordAudit(db, {
			kind: 'password_change_failed',
			accountId: account.id,
			email: account.email,
			address,
			detail: 'wrong_password'
		});
		return {
			ok: false,
			status: 403,
			code: 'wrong_password',
			message: 'Your current password is not right. Type it again.'
		};
	}
	await recordSuccess(db, keys);
	const passwordHash = await hashPassword(next);
	const token = generateSessionToken();
	let session: Session | undefined;
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('accounts')
			.set({ password_hash: passwordHash })
			.where('id', '=', account.id)
			.execute();
		await invalidateAllSessions(trx, account.id);
		await recordAudit(trx, {
			kind: 'password_changed',
			accountId: account.id,
			email: account.email,
			address
		});
		session = await createSession(trx, token, account.id);
	});
	disconnectAccount(
		currentIo(),
		account.id,
		'The password of this account was changed. Sign in again with the new password.',
		'password_changed'
	);
	return { ok: true, token, session: session! };
}

/** Why a new password cannot be taken, as a sentence; null when it can. */
export function newPasswordProblem(current: string, next: string): string | null {
	if ([...next].length < PASSWORD_MIN_LENGTH) {
		return `Choose a new password of at least ${PASSWORD_MIN_LENGTH} characters.`;
	}
	if ([...next].length > PASSWORD_MAX_LENGTH) {
		return `Choose a new password of at most ${PASSWORD_MAX_LENGTH} characters.`;
	}
	if (next === current) return 'The new password is the same as the current one. Choose another.';
	return null;
}
