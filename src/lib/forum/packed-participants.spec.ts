import { describe, expect, it } from 'vitest';
import { packSnapshot, unpackSnapshot } from './packed-participants';
import { checkIn, forumWith, PARTICIPANTS, SLUG } from './testing';

describe('the forum page packs its participants', () => {
	it('unpacks to the same snapshot, presence included', () => {
		const state = checkIn(forumWith(), PARTICIPANTS[0].id);
		const snapshot = { forum: SLUG, seq: 42, state };
		const packed = packSnapshot(snapshot);
		expect(packed.state).not.toHaveProperty('participants');
		expect(typeof packed.participants).toBe('string');
		expect(unpackSnapshot(packed)).toEqual(snapshot);
		expect(unpackSnapshot(packed).state.participants[PARTICIPANTS[0].id].present).toBe(true);
	});
});
