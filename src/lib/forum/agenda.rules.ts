/**
 * Agenda items 1–10 (Decision 641, Annex 1): pending → open ⇄ suspended → closed, reopenable.
 * The transitions are data (AGENDA_TRANSITIONS), rendered in docs/workflows.md.
 */
import { command, type Evolvers, type NewEvent } from './define';
import { endSpeech } from './floor.rules';
import { refuse, type Refusal } from './refusal';
import { agendaItemNumber } from './schemas';
import { DECIDED_OPINION_STATUSES, type AgendaItemStatus, type ForumState } from './types';

export type AgendaCommandType = 'agenda.open' | 'agenda.suspend' | 'agenda.close' | 'agenda.reopen';

/** Which command moves an item from which states to which state. */
export const AGENDA_TRANSITIONS: Record<
	AgendaCommandType,
	{ from: readonly AgendaItemStatus[]; to: AgendaItemStatus }
> = {
	'agenda.open': { from: ['pending', 'suspended'], to: 'open' },
	'agenda.suspend': { from: ['open'], to: 'suspended' },
	'agenda.close': { from: ['open', 'suspended'], to: 'closed' },
	'agenda.reopen': { from: ['closed'], to: 'open' }
};

/** Items 3–10 need a Chair in office (domain.md: the opening officer presides over items 1–2). */
export const FIRST_ITEM_NEEDING_CHAIR = 3;
/** Item 9, adoption of the Chair's report and opinions, needs every draft opinion decided. */
export const ADOPTION_ITEM = 9;

export interface AgendaEvents {
	'agenda.item_opened': { item: number; how: 'opened' | 'resumed' | 'reopened' };
	'agenda.item_suspended': { item: number };
	'agenda.item_closed': { item: number };
}

function transition(
	state: ForumState,
	type: AgendaCommandType,
	itemNumber: number
): Refusal | AgendaItemStatus {
	const item = state.agenda.find((i) => i.number === itemNumber);
	if (!item) return refuse('no_such_item', `There is no agenda item ${itemNumber}.`, 404);
	const { from } = AGENDA_TRANSITIONS[type];
	if (!from.includes(item.status)) {
		return refuse(
			'item_wrong_state',
			`Agenda item ${itemNumber} is ${item.status}; it can be ${verbOf(type)} only when ${from.join(' or ')}.`
		);
	}
	return item.status;
}

function verbOf(type: AgendaCommandType): string {
	return {
		'agenda.open': 'opened',
		'agenda.suspend': 'suspended',
		'agenda.close': 'closed',
		'agenda.reopen': 'reopened'
	}[type];
}

/** The rules that apply whenever an item becomes open, whether first opened, resumed or reopened. */
function mayBecomeOpen(state: ForumState, itemNumber: number): Refusal | null {
	if (state.currentItem !== null && state.currentItem !== itemNumber) {
		return refuse(
			'another_item_open',
			`Agenda item ${state.currentItem} is open. Suspend or close it before opening item ${itemNumber}.`
		);
	}
	if (itemNumber >= FIRST_ITEM_NEEDING_CHAIR && state.chairId === null) {
		return refuse(
			'chair_not_in_office',
			`Items 3 to 10 can be opened only once a Chair has been elected under item 2.`
		);
	}
	if (itemNumber === ADOPTION_ITEM) {
		const undecided = state.opinions.filter((o) => !DECIDED_OPINION_STATUSES.includes(o.status));
		if (undecided.length > 0) {
			return refuse(
				'opinions_undecided',
				`Item 9 can be opened only when every draft opinion is decided; still undecided: ${undecided
					.map((o) => `Opinion ${o.number}`)
					.join(', ')}.`
			);
		}
	}
	return null;
}

const presided = { who: ['presiding_officer'] as const, phases: ['in_session'] as const };

export const agendaCommands = () => [
	command({
		type: 'agenda.open',
		summary:
			'Open a pending agenda item, or resume a suspended one. One plenary item is open at a time.',
		payload: { item: agendaItemNumber },
		...presided,
		example: { item: 1 },
		decide: (state, { item }) => {
			const from = transition(state, 'agenda.open', item);
			if (typeof from !== 'string') return from;
			const blocked = mayBecomeOpen(state, item);
			if (blocked) return blocked;
			const how = from === 'suspended' ? 'resumed' : 'opened';
			return [event('agenda.item_opened', { item, how })];
		}
	}),
	command({
		type: 'agenda.suspend',
		summary: 'Suspend the open item (it can be resumed with agenda.open).',
		payload: { item: agendaItemNumber },
		...presided,
		example: { item: 1 },
		decide: (state, { item }) => {
			const from = transition(state, 'agenda.suspend', item);
			if (typeof from !== 'string') return from;
			return [event('agenda.item_suspended', { item })];
		}
	}),
	command({
		type: 'agenda.close',
		summary: 'Close an open or suspended item.',
		payload: { item: agendaItemNumber },
		...presided,
		example: { item: 1 },
		decide: (state, { item }) => {
			const from = transition(state, 'agenda.close', item);
			if (typeof from !== 'string') return from;
			return [event('agenda.item_closed', { item })];
		}
	}),
	command({
		type: 'agenda.reopen',
		summary: 'Reopen a closed item (the presiding officer may return to it).',
		payload: { item: agendaItemNumber },
		...presided,
		example: { item: 1 },
		decide: (state, { item }) => {
			const from = transition(state, 'agenda.reopen', item);
			if (typeof from !== 'string') return from;
			const blocked = mayBecomeOpen(state, item);
			if (blocked) return blocked;
			return [event('agenda.item_opened', { item, how: 'reopened' })];
		}
	})
];

function event<T extends keyof AgendaEvents>(type: T, payload: AgendaEvents[T]): NewEvent {
	return { type, payload, audience: 'public' };
}

export const agendaEvolvers: Evolvers<AgendaEvents> = {
	'agenda.item_opened': (state, { item }, meta) => {
		const target = state.agenda.find((i) => i.number === item)!;
		target.status = 'open';
		target.sittings.push({ openedAt: meta.at, endedAt: null, endedAs: null });
		state.currentItem = item;
	},
	'agenda.item_suspended': (state, { item }, meta) => endSitting(state, item, 'suspended', meta.at),
	'agenda.item_closed': (state, { item }, meta) => endSitting(state, item, 'closed', meta.at)
};

function endSitting(state: ForumState, item: number, as: 'suspended' | 'closed', at: number) {
	// A speech does not outlive its item.
	endSpeech(state.floor[item], at);
	const target = state.agenda.find((i) => i.number === item)!;
	const last = target.sittings.at(-1);
	if (last && last.endedAt === null) {
		last.endedAt = at;
		last.endedAs = as;
	}
	target.status = as;
	if (state.currentItem === item) state.currentItem = null;
}
