import type { Reroute, Transport } from '@sveltejs/kit';
import { SnapshotBeside } from '$lib/forum/snapshot-beside';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

// /fr/forums/wtpf-26 is the same page as /forums/wtpf-26, in French.
export const reroute: Reroute = (request) => deLocalizeUrl(request.url).pathname;

export const transport: Transport = {
	// The forum page's snapshot travels beside the HTML, not in it (snapshot-beside.ts): the
	// browser gets where to fetch it.
	SnapshotBeside: {
		encode: (value) => value instanceof SnapshotBeside && [value.forum],
		decode: ([forum]) => new SnapshotBeside(forum)
	}
};
