import { describe, expect, it } from 'vitest';
import { transport } from '../../hooks';
import {
	joinParticipants,
	participantsFor,
	ParticipantsBeside,
	setParticipantsBeside,
	type ParticipantList
} from './participants-beside';
import { checkIn, forumWith, PARTICIPANTS, SLUG } from './testing';

function answer(status: number, body: unknown): Response {
	return new Response(JSON.stringify(body), { status });
}

describe('the forum page sends its participants beside the HTML', () => {
	const state = checkIn(forumWith(), PARTICIPANTS[0].id);
	const snapshot = { forum: SLUG, seq: 42, state };

	it('splits a snapshot and joins it again, presence included', () => {
		const { snapshot: rest, participants } = setParticipantsBeside(snapshot);
		expect(rest.state).not.toHaveProperty('participants');
		expect(participants.participants).toBe(state.participants);
		expect(joinParticipants(rest, participants.participants!)).toEqual(snapshot);
	});

	it('crosses to the browser as its forum only', () => {
		const { participants } = setParticipantsBeside(snapshot);
		const encoded = transport.ParticipantsBeside.encode(participants);
		expect(encoded).toEqual([SLUG]);
		expect(JSON.stringify(encoded)).not.toContain(PARTICIPANTS[0].name);
		const decoded = transport.ParticipantsBeside.decode(encoded) as ParticipantsBeside;
		expect(decoded).toBeInstanceOf(ParticipantsBeside);
		expect(decoded.participants).toBeUndefined();
		expect(decoded.href).toBe(`/api/forums/${SLUG}/participants`);
		expect(transport.ParticipantsBeside.encode({ forum: SLUG, seq: 1 })).toBe(false);
	});

	it('the browser fetches them, by id, and tries again after a failure', async () => {
		const list: ParticipantList = {
			forum: SLUG,
			seq: 43,
			participants: Object.values(state.participants)
		};
		const asked: string[] = [];
		const answers = [
			() => Promise.reject(new TypeError('offline')),
			() => answer(500, {}),
			() => answer(200, list)
		];
		const fetch = (async (url: string) => {
			asked.push(url);
			return answers[asked.length - 1]();
		}) as typeof globalThis.fetch;
		const participants = await participantsFor(new ParticipantsBeside(SLUG), fetch);
		expect(participants).toEqual(state.participants);
		expect(asked).toEqual(Array(3).fill(`/api/forums/${SLUG}/participants`));
	});

	it('gives up after its tries, with the last error', async () => {
		let asked = 0;
		const fetch = (async () => {
			asked++;
			return answer(503, {});
		}) as typeof globalThis.fetch;
		await expect(participantsFor(new ParticipantsBeside(SLUG), fetch, 2)).rejects.toThrow(
			/answered 503/
		);
		expect(asked).toBe(2);
	});

	it('on the server, uses the participants it holds without asking', async () => {
		const { participants } = setParticipantsBeside(snapshot);
		const fetch = (() => {
			throw new Error('not to be called');
		}) as typeof globalThis.fetch;
		expect(await participantsFor(participants, fetch)).toBe(state.participants);
	});
});
