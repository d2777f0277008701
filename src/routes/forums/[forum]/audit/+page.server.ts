import { error, redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { AUDIT_KINDS, auditQuery, isForumSecretariat, readAudit } from '$lib/server/auth/audit';
import type { PageServerLoad } from './$types';

/**
 * The audit log of accounts, for this forum's secretariat. Anyone else, and a forum that does not
 * exist, get the same 404: the page does not say whether it exists for them.
 */
export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
	if (!locals.account) {
		redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	}
	const { db, forums } = await app();
	if (!(await isForumSecretariat(forums, params.forum, locals.account.id))) {
		error(404, { message: 'Not found, or you have no access to it.' });
	}
	setHeaders({ 'cache-control': 'private, no-store' });
	const query = auditQuery(url.searchParams);
	const page = await readAudit(db, typeof query === 'string' ? {} : query);
	return {
		slug: params.forum,
		kinds: AUDIT_KINDS,
		kind: typeof query === 'string' ? null : (query.kind ?? null),
		problem: typeof query === 'string' ? query : null,
		...page
	};
};
