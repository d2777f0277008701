import { error } from '@sveltejs/kit';
import { loadChairConsole } from '$lib/client/chair-console';
import { joinParticipants, participantsFor } from '$lib/forum/participants-beside';
import { presidingOfficerId } from '$lib/forum/types';
import type { PageLoad } from './$types';

/**
 * The server's data with its participants joined (fetched in the browser: participants-beside.ts),
 * and the Chair's console if this participant presides (chair-console.ts).
 */
export const load: PageLoad = async ({ data, fetch }) => {
	const { participants, ...rest } = data;
	const joined = await participantsFor(participants, fetch).catch(() =>
		// the HTML came, the list beside it did not (three tries): the connection dropped between
		error(503, {
			code: 'participants_unavailable',
			message:
				'The list of participants could not be loaded. Check the connection and reload the page.'
		})
	);
	const snapshot = joinParticipants(data.snapshot, joined);
	return {
		...rest,
		snapshot,
		chairConsole:
			presidingOfficerId(snapshot.state) === data.you.participantId
				? await loadChairConsole()
				: null
	};
};
