import { error } from '@sveltejs/kit';
import { browser } from '$app/environment';
import { loadChairConsole } from '$lib/client/chair-console';
import { preconnect } from '$lib/client/live-forum.svelte';
import { snapshotFor } from '$lib/forum/snapshot-beside';
import { presidingOfficerId } from '$lib/forum/types';
import type { PageLoad } from './$types';

/**
 * The server's data with its snapshot (fetched in the browser: snapshot-beside.ts), and the
 * Chair's console if this participant presides (chair-console.ts). In the browser the page's
 * socket is opened first, so that its handshake travels with the snapshot (`preconnect`).
 */
export const load: PageLoad = async ({ data, fetch }) => {
	if (browser) preconnect();
	const snapshot = await snapshotFor(data.snapshot, fetch).catch(() =>
		// the HTML came, the snapshot beside it did not (three tries): the connection dropped between
		error(503, {
			code: 'forum_unavailable',
			message: 'The forum could not be loaded. Check the connection and reload the page.'
		})
	);
	return {
		...data,
		snapshot,
		chairConsole:
			presidingOfficerId(snapshot.state) === data.you.participantId
				? await loadChairConsole()
				: null
	};
};
