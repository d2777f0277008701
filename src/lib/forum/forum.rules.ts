/** The forum's lifecycle: preparation → in_session → closed (domain.md, "Forum"). */
import { command, type Evolvers } from './define';
import { refuse } from './refusal';
import type { AgendaItem, ForumSettings, ForumState, Localized } from './types';

export interface ForumCreated {
	slug: string;
	title: Localized;
	theme: Localized;
	subthemes: Localized[];
	venue: string;
	dates: { start: string; end: string };
	settings: ForumSettings;
	openingOfficerId: string;
	agenda: { number: number; title: Localized }[];
	reportTitle: string;
}

export interface ForumEvents {
	/** written once by the server when a forum is set up, never by a command */
	'forum.created': ForumCreated;
	'forum.opened': Record<string, never>;
	'forum.closed': Record<string, never>;
}

export const forumCommands = () => [
	command({
		type: 'forum.open',
		summary:
			'The opening officer opens the forum (agenda item 1 can then be opened). Draft opinions can no longer be added.',
		payload: {},
		who: ['opening_officer'],
		phases: ['preparation'],
		example: {},
		decide: () => [{ type: 'forum.opened', payload: {}, audience: 'public' }]
	}),
	command({
		type: 'forum.close',
		summary: 'The presiding officer closes the forum once no agenda item is open.',
		payload: {},
		who: ['presiding_officer'],
		phases: ['in_session'],
		example: {},
		decide: (state) => {
			const pending = state.agenda.find((i) => i.status === 'open' || i.status === 'suspended');
			if (pending) {
				return refuse(
					'item_still_open',
					`Agenda item ${pending.number} is ${pending.status}. Close it before closing the forum.`
				);
			}
			return [{ type: 'forum.closed', payload: {}, audience: 'public' }];
		}
	})
];

export const forumEvolvers: Evolvers<ForumEvents> = {
	'forum.created': (state, created) => {
		state.slug = created.slug;
		state.title = created.title;
		state.theme = created.theme;
		state.subthemes = created.subthemes;
		state.venue = created.venue;
		state.dates = created.dates;
		state.settings = created.settings;
		state.openingOfficerId = created.openingOfficerId;
		state.report.title = created.reportTitle;
		state.agenda = created.agenda.map((item): AgendaItem => ({
			...item,
			status: 'pending',
			sittings: []
		}));
	},
	'forum.opened': (state, _payload, meta) => {
		state.phase = 'in_session';
		state.openedAt = meta.at;
	},
	'forum.closed': (state, _payload, meta) => {
		state.phase = 'closed';
		state.closedAt = meta.at;
	}
};

/** The state before `forum.created`: nothing but the slug. */
export function blankForum(slug: string): ForumState {
	return {
		slug,
		title: { en: '' },
		theme: { en: '' },
		subthemes: [],
		venue: '',
		dates: { start: '', end: '' },
		phase: 'preparation',
		settings: { speechLimitSeconds: 180, quorumShare: 0.5, sectorMemberObjectionBlocks: true },
		openedAt: null,
		closedAt: null,
		openingOfficerId: '',
		chairId: null,
		election: { candidates: [], rounds: [], electedAt: null, how: null },
		officers: { viceChairs: [], workingGroupChairs: {} },
		agenda: [],
		currentItem: null,
		delegations: {},
		participants: {},
		report: { title: '', sections: [] },
		floor: {},
		observations: [],
		restricted: {
			motion: null,
			vote: null,
			approved: false,
			active: false,
			since: null,
			sessions: [],
			summaries: []
		},
		opinions: []
	};
}
