import { describe, it, expect } from 'vitest';
import { audiencesFor, canSee, viewClass, type Audience, type Viewer } from './audience';
import { forumWith, patched } from './testing';

const participant = (participantId: string): Viewer => ({ kind: 'participant', participantId });
const forum = forumWith({ phase: 'in_session' });
const SHARED: Audience[] = ['public', 'member_states', 'secretariat'];

function visible(viewer: Viewer): Audience[] {
	return SHARED.filter((audience) => canSee(forum, viewer, audience));
}

describe('audiences', () => {
	it.each(['p-fra-head', 'p-fra-delegate', 'p-bra-head'])(
		'Member State participant %s sees public, member_states and their own events',
		(id) => {
			expect(audiencesFor(forum, participant(id))).toEqual([
				'public',
				'member_states',
				`participant:${id}`
			]);
			expect(visible(participant(id))).toEqual(['public', 'member_states']);
			expect(canSee(forum, participant(id), `participant:${id}`)).toBe(true);
			expect(viewClass(forum, participant(id))).toBe('member_states');
		}
	);

	it.each(['p-sm-x', 'p-ob'])('%s (Sector Member, observer) sees public and their own', (id) => {
		expect(audiencesFor(forum, participant(id))).toEqual(['public', `participant:${id}`]);
		expect(visible(participant(id))).toEqual(['public']);
		expect(viewClass(forum, participant(id))).toBe('public');
	});

	it.each(['p-sg', 'p-sec'])('secretariat member %s sees all three shared audiences', (id) => {
		expect(audiencesFor(forum, participant(id))).toEqual([
			'public',
			'member_states',
			'secretariat',
			`participant:${id}`
		]);
		expect(visible(participant(id))).toEqual(SHARED);
		expect(viewClass(forum, participant(id))).toBe('secretariat');
	});

	it.each(['associate', 'academia'] as const)('an %s participant sees public only', (category) => {
		const other = patched(forum, (s) => {
			s.delegations['SM-X'].category = category;
		});
		expect(audiencesFor(other, participant('p-sm-x'))).toEqual(['public', 'participant:p-sm-x']);
		expect(viewClass(other, participant('p-sm-x'))).toBe('public');
	});

	it.each([
		['the display', { kind: 'display' } as Viewer],
		['an outsider', { kind: 'outsider' } as Viewer],
		['an unknown participant', participant('p-nobody')]
	])('%s sees public only', (_who, viewer) => {
		expect(audiencesFor(forum, viewer)).toEqual(['public']);
		expect(visible(viewer)).toEqual(['public']);
		expect(canSee(forum, viewer, 'participant:p-nobody')).toBe(false);
		expect(viewClass(forum, viewer)).toBe('public');
	});

	it("nobody sees another participant's own events, not even the secretariat", () => {
		for (const id of ['p-sg', 'p-fra-head', 'p-sm-x']) {
			expect(canSee(forum, participant(id), 'participant:p-bra-head'), id).toBe(false);
		}
		expect(canSee(forum, { kind: 'display' }, 'participant:p-bra-head')).toBe(false);
	});

	it('follows the forum as it stands: a delegation recategorised changes what its people see', () => {
		const demoted = patched(forum, (s) => {
			s.delegations.FRA.category = 'observer';
		});
		expect(canSee(forum, participant('p-fra-head'), 'member_states')).toBe(true);
		expect(canSee(demoted, participant('p-fra-head'), 'member_states')).toBe(false);
	});
});
