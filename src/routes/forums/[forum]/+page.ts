import { loadChairConsole } from '$lib/client/chair-console';
import { unpackSnapshot } from '$lib/forum/packed-participants';
import { presidingOfficerId } from '$lib/forum/types';
import type { PageLoad } from './$types';

/**
 * The server's data with its participants unpacked (packed-participants.ts), and the Chair's
 * console if this participant presides (chair-console.ts).
 */
export const load: PageLoad = async ({ data }) => {
	const snapshot = unpackSnapshot(data.snapshot);
	return {
		...data,
		snapshot,
		chairConsole:
			presidingOfficerId(snapshot.state) === data.you.participantId
				? await loadChairConsole()
				: null
	};
};
