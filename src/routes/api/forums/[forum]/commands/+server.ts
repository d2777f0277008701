import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { apiError, NOT_SIGNED_IN } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Give a command: `{ id, type, ...payload }`. Answered once the events are on disk. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.account) return NOT_SIGNED_IN();
	let body: unknown;
	try {
		body = await request.json();
	} catch (error) {
		// The adapter's BODY_SIZE_LIMIT fails the read with a 413: say so, not "not JSON".
		if ((error as { status?: unknown } | null)?.status === 413) {
			return apiError(
				413,
				'command_too_large',
				'The command is larger than the server accepts. Shorten its text.'
			);
		}
		return apiError(400, 'malformed_command', 'The body must be a JSON command.');
	}
	const outcome = await (await app()).forums.execute(params.forum, locals.account.id, body);
	if (!outcome.ok) return json({ error: outcome.error }, { status: outcome.status });
	return json({ ok: true, seq: outcome.seq, ...(outcome.duplicate ? { duplicate: true } : {}) });
};
