import type { Reroute } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

// /fr/forums/wtpf-26 is the same page as /forums/wtpf-26, in French.
export const reroute: Reroute = (request) => deLocalizeUrl(request.url).pathname;
