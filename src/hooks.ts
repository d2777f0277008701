import type { Reroute, Transport } from '@sveltejs/kit';
import { ParticipantsBeside } from '$lib/forum/participants-beside';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

// /fr/forums/wtpf-26 is the same page as /forums/wtpf-26, in French.
export const reroute: Reroute = (request) => deLocalizeUrl(request.url).pathname;

export const transport: Transport = {
	// The forum page's participants travel beside the HTML, not in it (participants-beside.ts):
	// the browser gets where to fetch them.
	ParticipantsBeside: {
		encode: (value) => value instanceof ParticipantsBeside && [value.forum],
		decode: ([forum]) => new ParticipantsBeside(forum)
	}
};
