import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { apiError, NOT_SIGNED_IN } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Give a command: `{ id, type, ...payload }`. Answered once the events are on disk. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.account) return NOT_SIGNED_IN();
	const body = await request.json().catch(() => undefined);
	if (body === undefined)
		return apiError(400, 'malformed_command', 'The body must be a JSON command.');
	const outcome = await (await app()).forums.execute(params.forum, locals.account.id, body);
	if (!outcome.ok) return json({ error: outcome.error }, { status: outcome.status });
	return json({ ok: true, seq: outcome.seq, ...(outcome.duplicate ? { duplicate: true } : {}) });
};
