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
	const snapshot = joinParticipants(data.snapshot, await participantsFor(participants, fetch));
	return {
		...rest,
		snapshot,
		chairConsole:
			presidingOfficerId(snapshot.state) === data.you.participantId
				? await loadChairConsole()
				: null
	};
};
