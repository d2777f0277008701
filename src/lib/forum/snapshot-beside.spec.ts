import { describe, expect, it } from 'vitest';
import { transport } from '../../hooks';
import { snapshotFor, SnapshotBeside } from './snapshot-beside';
import { checkIn, forumWith, PARTICIPANTS, SLUG } from './testing';

function answer(status: number, body: unknown): Response {
	return new Response(JSON.stringify(body), { status });
}

describe('the forum page sends its snapshot beside the HTML', () => {
	const state = checkIn(forumWith(), PARTICIPANTS[0].id);
	const snapshot = { forum: SLUG, seq: 42, state };
	const href = `/api/forums/${SLUG}/state`;

	it('crosses to the browser as its forum only', () => {
		const encoded = transport.SnapshotBeside.encode(new SnapshotBeside(SLUG, snapshot));
		expect(encoded).toEqual([SLUG]);
		expect(JSON.stringify(encoded)).not.toContain(PARTICIPANTS[0].name);
		const decoded = transport.SnapshotBeside.decode(encoded) as SnapshotBeside;
		expect(decoded).toBeInstanceOf(SnapshotBeside);
		expect(decoded.snapshot).toBeUndefined();
		expect(decoded.href).toBe(href);
		expect(transport.SnapshotBeside.encode(snapshot)).toBe(false);
	});

	it('the browser fetches it, and tries again after a failure', async () => {
		const newer = { ...snapshot, seq: 43 };
		const asked: string[] = [];
		const answers = [
			() => Promise.reject(new TypeError('offline')),
			() => answer(500, {}),
			() => answer(200, newer)
		];
		const fetch = (async (url: string) => {
			asked.push(url);
			return answers[asked.length - 1]();
		}) as typeof globalThis.fetch;
		expect(await snapshotFor(new SnapshotBeside(SLUG), fetch)).toEqual(newer);
		expect(asked).toEqual(Array(3).fill(href));
	});

	it('gives up after its tries, with the last error', async () => {
		let asked = 0;
		const fetch = (async () => {
			asked++;
			return answer(503, {});
		}) as typeof globalThis.fetch;
		await expect(snapshotFor(new SnapshotBeside(SLUG), fetch, 2)).rejects.toThrow(/answered 503/);
		expect(asked).toBe(2);
	});

	it('does not take another forum for this one', async () => {
		const fetch = (async () =>
			answer(200, { ...snapshot, forum: 'other' })) as typeof globalThis.fetch;
		await expect(snapshotFor(new SnapshotBeside(SLUG), fetch, 1)).rejects.toThrow(/another forum/);
	});

	it('on the server, uses the snapshot it holds without asking', async () => {
		const fetch = (() => {
			throw new Error('not to be called');
		}) as typeof globalThis.fetch;
		expect(await snapshotFor(new SnapshotBeside(SLUG, snapshot), fetch)).toBe(snapshot);
	});
});
