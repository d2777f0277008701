/**
 * The audit log of accounts (issue 9): who signed in, who failed to and from where, who signed
 * out or changed a password, which accounts were created and by whom. It never holds a password,
 * nor a session token; the client's address only as a pseudonym. The secretariat reads it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { rolesOf } from '$lib/forum/roles';
import type { DB } from '../db';
import type { ForumService } from '../forum.service';

export const AUDIT_KINDS = [
	'sign_in',
	'sign_in_failed',
	'sign_out',
	'password_changed',
	'password_change_failed',
	'account_created'
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditRecord {
	kind: AuditKind;
	accountId?: string | null;
	email?: string | null;
	actorId?: string | null;
	forum?: string | null;
	/** the client's address as the server saw it; stored only as a pseudonym */
	address?: string | null;
	/** a stable code: why a sign-in failed, what created an account */
	detail?: string | null;
}

export interface AuditEntry {
	id: string;
	at: number;
	kind: AuditKind;
	accountId: string | null;
	name: string | null;
	email: string | null;
	actorId: string | null;
	forum: string | null;
	address: string | null;
	detail: string | null;
}

/**
 * Enough to see that failures come from one address, not to read the address back at a glance.
 * Not anonymization: an IPv4 address can be found again by trying them all.
 */
export function addressPseudonym(address: string): string {
	return createHash('sha256').update(`plenary-audit:${address}`).digest('hex').slice(0, 16);
}

/** Ids sort by time (milliseconds, zero-padded), then at random: a cursor for paging. */
function auditId(at: number): string {
	return `${String(at).padStart(15, '0')}-${randomUUID()}`;
}

/** Appends one entry; `db` may be a transaction (an account created with its event). */
export async function recordAudit(db: DB, record: AuditRecord, at = Date.now()): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			id: auditId(at),
			at,
			kind: record.kind,
			account_id: record.accountId ?? null,
			email: record.email?.slice(0, 320) ?? null,
			actor_id: record.actorId ?? null,
			forum: record.forum ?? null,
			address: record.address ? addressPseudonym(record.address) : null,
			detail: record.detail ?? null
		})
		.execute();
}

export const AUDIT_PAGE = 100;
export const AUDIT_PAGE_MAX = 1000;

export interface AuditQuery {
	/** entries older than this id (the `next` of the previous page) */
	before?: string;
	kind?: AuditKind;
	accountId?: string;
	limit?: number;
}

/** The newest entries first; `next` is the cursor for the page after, null at the end. */
export async function readAudit(
	db: DB,
	query: AuditQuery = {}
): Promise<{ entries: AuditEntry[]; next: string | null }> {
	const limit = Math.min(Math.max(1, query.limit ?? AUDIT_PAGE), AUDIT_PAGE_MAX);
	let select = db
		.selectFrom('audit_log')
		.leftJoin('accounts', 'accounts.id', 'audit_log.account_id')
		.select([
			'audit_log.id',
			'audit_log.at',
			'audit_log.kind',
			'audit_log.account_id',
			'accounts.name',
			'audit_log.email',
			'audit_log.actor_id',
			'audit_log.forum',
			'audit_log.address',
			'audit_log.detail'
		])
		.orderBy('audit_log.id', 'desc')
		.limit(limit + 1);
	if (query.before) select = select.where('audit_log.id', '<', query.before);
	if (query.kind) select = select.where('audit_log.kind', '=', query.kind);
	if (query.accountId) select = select.where('audit_log.account_id', '=', query.accountId);
	const rows = await select.execute();
	const entries = rows.slice(0, limit).map((row) => ({
		id: row.id,
		// bigint: a string from some drivers
		at: Number(row.at),
		kind: row.kind as AuditKind,
		accountId: row.account_id,
		name: row.name,
		email: row.email,
		actorId: row.actor_id,
		forum: row.forum,
		address: row.address,
		detail: row.detail
	}));
	return { entries, next: rows.length > limit ? entries.at(-1)!.id : null };
}

/**
 * The log is the server's, not one forum's: whoever holds the secretariat role in any forum on
 * this server reads all of it (with one forum per server, as for WTPF-26, that forum's secretariat).
 */
export async function mayReadAudit(forums: ForumService, accountId: string): Promise<boolean> {
	for (const slug of forums.slugs()) {
		if (await isForumSecretariat(forums, slug, accountId)) return true;
	}
	return false;
}

export async function isForumSecretariat(
	forums: ForumService,
	slug: string,
	accountId: string
): Promise<boolean> {
	const host = await forums.host(slug);
	if (!host?.full.participants[accountId]) return false;
	return rolesOf(host.full, { kind: 'participant', participantId: accountId }).has('secretariat');
}

/** Parses `?before=…&kind=…&account=…&limit=…`; a message when malformed. */
export function auditQuery(params: URLSearchParams): AuditQuery | string {
	const query: AuditQuery = {};
	const before = params.get('before');
	if (before !== null) {
		if (!/^[0-9]{15}-[0-9a-f-]{36}$/.test(before)) return 'before must be a `next` cursor.';
		query.before = before;
	}
	const kind = params.get('kind');
	if (kind !== null && kind !== '') {
		if (!(AUDIT_KINDS as readonly string[]).includes(kind)) {
			return `kind must be one of ${AUDIT_KINDS.join(', ')}.`;
		}
		query.kind = kind as AuditKind;
	}
	const account = params.get('account');
	if (account !== null && account !== '') query.accountId = account.slice(0, 200);
	const limit = params.get('limit');
	if (limit !== null) {
		const n = Number(limit);
		if (!Number.isInteger(n) || n < 1 || n > AUDIT_PAGE_MAX) {
			return `limit must be a whole number from 1 to ${AUDIT_PAGE_MAX}.`;
		}
		query.limit = n;
	}
	return query;
}
