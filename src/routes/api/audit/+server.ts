import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { auditQuery, mayReadAudit, readAudit } from '$lib/server/auth/audit';
import { apiError, NOT_SIGNED_IN } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The audit log of accounts, newest first, for the secretariat (docs/api.md, Audit log). */
export const GET: RequestHandler = async ({ locals, url }) => {
	if (!locals.account) return NOT_SIGNED_IN();
	const { db, forums } = await app();
	if (!(await mayReadAudit(forums, locals.account.id))) {
		return apiError(403, 'not_allowed', 'Only the secretariat reads the audit log.');
	}
	const query = auditQuery(url.searchParams);
	if (typeof query === 'string') return apiError(400, 'malformed_request', query);
	const page = await readAudit(db, query);
	return json(page, { headers: { 'cache-control': 'private, no-store' } });
};
