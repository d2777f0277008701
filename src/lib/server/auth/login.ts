/** Signing in with email and password, throttled; shared by the sign-in page and the API. */
import type { DB } from '../db';
import { emailPseudonym, log } from '../log';
import { recordAudit } from './audit';
import { hashPassword, verifyPassword } from './password';
import { createSession, generateSessionToken, type Session } from './session';
import { recordFailure, recordSuccess, waitBeforeAttempt } from './throttle';

export type LoginResult =
	| {
			ok: true;
			token: string;
			session: Session;
			account: { id: string; email: string; name: string };
	  }
	| { ok: false; status: 400 | 401 | 429; code: string; message: string };

// Verified against when the email is unknown, so that both paths take the same time.
let decoyHash: Promise<string> | null = null;

/** Sign in, and log the outcome: the account, a pseudonym of the email, never the password. */
export async function login(
	db: DB,
	email: string,
	password: string,
	address: string
): Promise<LoginResult> {
	const result = await attempt(db, email, password, address);
	log.info(
		{
			outcome: result.ok ? 'ok' : result.code,
			status: result.ok ? 200 : result.status,
			account: result.ok ? result.account.id : undefined,
			emailHash: emailPseudonym(email),
			address
		},
		'sign-in'
	);
	return result;
}

async function attempt(
	db: DB,
	email: string,
	password: string,
	address: string
): Promise<LoginResult> {
	const normalized = email.trim().toLowerCase();
	if (!normalized || !password) {
		return {
			ok: false,
			status: 400,
			code: 'missing_credentials',
			message: 'Enter your email address and your password.'
		};
	}
	const keys = [`account:${normalized}`, `address:${address}`];
	const wait = await waitBeforeAttempt(db, keys);
	if (wait > 0) {
		await recordAudit(db, {
			kind: 'sign_in_failed',
			email: normalized,
			address,
			detail: 'too_many_attempts'
		});
		return {
			ok: false,
			status: 429,
			code: 'too_many_attempts',
			message: `Too many failed sign-ins. Try again in ${Math.ceil(wait / 1000)} seconds, or ask the secretariat.`
		};
	}
	const account = await db
		.selectFrom('accounts')
		.select(['id', 'email', 'name', 'password_hash'])
		.where('email', '=', normalized)
		.executeTakeFirst();
	decoyHash ??= hashPassword('decoy password for unknown accounts');
	const valid = await verifyPassword(account?.password_hash ?? (await decoyHash), password);
	if (!account || !valid) {
		await recordFailure(db, keys);
		await recordAudit(db, {
			kind: 'sign_in_failed',
			accountId: account?.id ?? null,
			email: normalized,
			address,
			detail: account ? 'wrong_password' : 'unknown_email'
		});
		return {
			ok: false,
			status: 401,
			code: 'bad_credentials',
			message: 'The email address or the password is not right.'
		};
	}
	await recordSuccess(db, keys);
	const token = generateSessionToken();
	const session = await createSession(db, token, account.id);
	await recordAudit(db, { kind: 'sign_in', accountId: account.id, email: account.email, address });
	return {
		ok: true,
		token,
		session,
		account: { id: account.id, email: account.email, name: account.name }
	};
}
