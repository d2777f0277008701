import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { apiError, NOT_SIGNED_IN } from '$lib/server/http';
import { importParticipants, importRefusal } from '$lib/server/participants.import';
import type { RequestHandler } from './$types';

/**
 * Import delegations and participants from CSV text: `{ csv: "..." }` (docs/participants-csv.md).
 * Secretariat only, during preparation. Answers with one report line per row once every row
 * has been decided.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	if (!locals.account) return NOT_SIGNED_IN();
	const { forums } = await app();
	// Who may import is checked before the body is read, so a refusal says nothing about it.
	const refusal = await importRefusal(forums, params.forum, locals.account.id);
	if (refusal) return json({ error: refusal.error }, { status: refusal.status });
	const body = await request.json().catch(() => undefined);
	if (typeof body?.csv !== 'string') {
		return apiError(
			400,
			'malformed_request',
			'Send { "csv": "…" } as JSON, with the CSV file\'s text.'
		);
	}
	const outcome = await importParticipants(forums, params.forum, locals.account.id, body.csv);
	if (!outcome.ok) {
		return json({ error: outcome.error, rows: outcome.rows ?? [] }, { status: outcome.status });
	}
	const { imported, refused, delegationsRegistered, rows } = outcome;
	return json({ imported, refused, delegationsRegistered, rows });
};
