/**
 * The forum page sends its snapshot beside the HTML rather than in it.
 *
 * SvelteKit puts a page's data into the HTML as a script. For a forum of 5,000 participants that
 * script was about 450 KB; without the participants (which went beside it first), still 142 KB of
 * object literal: delegations, draft opinions, the list of speakers. The browser decodes and scans
 * it with the document, then compiles and runs it before the page can start, on the tablet's one
 * main thread. JSON fetched beside the HTML costs far less: the request is under way from a
 * preload link in the head while the document is read, and `JSON.parse` is much cheaper than
 * compiling the same data as JavaScript.
 *
 * So the page data carries a `SnapshotBeside`: on the server it holds the snapshot the page is
 * rendered with; SvelteKit's `transport` hook (src/hooks.ts) sends only its forum to the browser,
 * whose `+page.ts` fetches `GET /api/forums/:forum/state`: the same snapshot, for the same viewer,
 * read by the same code.
 *
 * The fetched snapshot is never older than the rendered one: whichever server answers reads the
 * log up to its end first (`ForumService.host`). It may be newer (an event between the page and
 * the fetch); it is whole, with its own sequence number, and the page starts from it as from any
 * snapshot: hydration brings the rendered page up to it, and the socket's sync asks for what
 * follows it.
 */
import type { Snapshot } from '$lib/protocol';

export class SnapshotBeside {
	constructor(
		readonly forum: string,
		/** set on the server only: the snapshot the page is rendered with */
		readonly snapshot?: Snapshot
	) {}

	get href(): string {
		return snapshotHref(this.forum);
	}
}

/** Where the browser fetches a forum's snapshot: the state route of docs/api.md. */
export function snapshotHref(forum: string): string {
	return `/api/forums/${encodeURIComponent(forum)}/state`;
}

/**
 * The snapshot for the page: the one it was rendered with on the server, fetched in the browser
 * (a few tries: the page is already there, the snapshot follows it on the same connection).
 */
export async function snapshotFor(
	beside: SnapshotBeside,
	fetch: typeof globalThis.fetch,
	tries = 3
): Promise<Snapshot> {
	if (beside.snapshot) return beside.snapshot;
	for (let attempt = 1; ; attempt++) {
		try {
			const response = await fetch(beside.href);
			if (!response.ok) throw new Error(`${beside.href} answered ${response.status}`);
			const snapshot = (await response.json()) as Snapshot;
			if (snapshot.forum !== beside.forum) throw new Error(`${beside.href} answered another forum`);
			return snapshot;
		} catch (error) {
			if (attempt >= tries) throw error;
			await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
		}
	}
}
