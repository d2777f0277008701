/**
 * The floor (domain.md, "Floor"): lists of speakers per agenda item. A point of order goes to the
 * top; a delegation is on a list at most once for a statement; once the list is closed only a
 * right of reply granted by the presiding officer is added. The server keeps the start, pause and
 * end times of every speech, from which every screen computes the same countdown.
 */
import { z } from 'zod';
import { command, type Evolvers, type NewEvent } from './define';
import { NOT_ALLOWED, refuse, type Refusal } from './refusal';
import type { Actor, Role } from './roles';
import { agendaItemNumber, participantId, shortText } from './schemas';
import {
	FLOOR_KINDS,
	type FloorRequest,
	type ForumState,
	type SpeakersList,
	type Speech
} from './types';

/** Procedural interventions (points of order, rights of reply) are capped at 5 minutes. */
export const PROCEDURAL_CAP_SECONDS = 300;

export interface FloorEvents {
	'floor.requested': { item: number; request: FloorRequest };
	'floor.withdrawn': { item: number; requestId: string };
	'floor.given': { item: number; requestId: string; limitSeconds: number };
	'floor.paused': { item: number };
	'floor.resumed': { item: number };
	'floor.speech_ended': { item: number };
	'floor.list_closed': { item: number };
	'floor.list_reopened': { item: number };
	'floor.limit_set': { item: number; seconds: number };
}

/** The list in speaking order: points of order first, then everyone in the order they asked. */
export function speakingOrder(list: SpeakersList | undefined): FloorRequest[] {
	if (!list) return [];
	const points = list.requests.filter((r) => r.kind === 'point_of_order');
	const others = list.requests.filter((r) => r.kind !== 'point_of_order');
	return [...points, ...others];
}

/** Milliseconds of speaking time left at `now` (negative once over time). */
export function remainingMs(speech: Speech, now: number): number {
	const pausedNow = speech.pausedAt !== null ? now - speech.pausedAt : 0;
	const end = speech.endedAt ?? now;
	const spoken = end - speech.startedAt - speech.pausedMs - (speech.endedAt ? 0 : pausedNow);
	return speech.limitSeconds * 1000 - spoken;
}

export function emptyList(state: ForumState, item: number): SpeakersList {
	return {
		item,
		closed: false,
		limitSeconds: state.settings.speechLimitSeconds,
		requests: [],
		current: null,
		speeches: []
	};
}

/** End the speech in progress, if any (also used when its item is suspended or closed). */
export function endSpeech(list: SpeakersList | undefined, at: number): void {
	if (!list?.current) return;
	const speech = list.current;
	if (speech.pausedAt !== null) {
		speech.pausedMs += at - speech.pausedAt;
		speech.pausedAt = null;
	}
	speech.endedAt = at;
	list.speeches.push(speech);
	list.current = null;
}

type Sender = Actor & { roles: Set<Role> };

/** The item a floor command is about: the one given, or the one open now. */
function itemOf(state: ForumState, given: number | undefined): number | Refusal {
	const item = given ?? state.currentItem;
	if (item === null || item === undefined) {
		return refuse('no_item_open', 'No agenda item is open: name the item.');
	}
	if (!state.agenda.some((i) => i.number === item)) {
		return refuse('no_such_item', `There is no agenda item ${item}.`, 404);
	}
	return item;
}

/** Giving, pausing and ending speeches happen under the item open now. */
function openItem(state: ForumState, given: number | undefined): number | Refusal {
	const item = itemOf(state, given);
	if (typeof item !== 'number') return item;
	if (state.currentItem !== item) {
		return refuse(
			'item_not_open',
			`Agenda item ${item} is not open: the floor is given under the open item.`
		);
	}
	return item;
}

/** The speech in progress under the open item: what pause, resume and end act on. */
function currentSpeech(
	state: ForumState,
	given: number | undefined
): { item: number; speech: Speech } | Refusal {
	const item = openItem(state, given);
	if (typeof item !== 'number') return item;
	const speech = state.floor[item]?.current;
	return speech ? { item, speech } : refuse('no_speech', 'Nobody has the floor.');
}

const itemField = { item: /*#__PURE__*/ agendaItemNumber.optional() };
const presided = { who: ['presiding_officer'] as const, phases: ['in_session'] as const };
const floorEvent = (type: keyof FloorEvents, payload: unknown): NewEvent => ({
	type,
	payload,
	audience: 'public'
});

export const floorCommands = () => [
	command({
		type: 'floor.request',
		summary:
			'Ask for the floor on an item (default: the open one) as a statement, a point of order (goes to the top) or a right of reply, for your delegation or `onBehalfOf` a group. The presiding officer may add a right of reply for `participantId` once the list is closed.',
		payload: {
			...itemField,
			kind: z.enum(FLOOR_KINDS),
			onBehalfOf: shortText(120).nullable().optional(),
			participantId: participantId.optional()
		},
		who: ['participant'],
		phases: ['in_session'],
		example: { kind: 'statement', onBehalfOf: 'African Group' },
		decide: (
			state,
			{ item: given, kind, onBehalfOf, participantId },
			actor,
			{ now, commandId }
		) => {
			const self = actor.kind === 'participant' ? actor.participantId : null;
			const speakerId = participantId ?? self;
			const presiding = actor.roles.has('presiding_officer');
			if (speakerId !== self && !presiding) return NOT_ALLOWED;
			const speaker = speakerId ? state.participants[speakerId] : undefined;
			if (!speaker) return refuse('no_such_participant', 'There is no such participant.', 404);
			const item = itemOf(state, given);
			if (typeof item !== 'number') return item;
			if (state.agenda.find((i) => i.number === item)!.status === 'closed') {
				return refuse('item_closed', `Agenda item ${item} is closed.`);
			}
			const list = state.floor[item];
			if (list?.closed && kind !== 'point_of_order' && !(kind === 'right_of_reply' && presiding)) {
				return refuse(
					'list_closed',
					`The list of speakers for item ${item} is closed. Only the presiding officer can grant a right of reply now.`
				);
			}
			const pending = list?.requests ?? [];
			if (
				kind === 'statement' &&
				pending.some(
					(r) =>
						r.kind === 'statement' &&
						(speaker.delegationId
							? r.delegationId === speaker.delegationId
							: r.participantId === speaker.id)
				)
			) {
				const who = speaker.delegationId
					? (state.delegations[speaker.delegationId]?.name ?? 'Your delegation')
					: speaker.name;
				return refuse(
					'already_on_list',
					`${who} is already on the list of speakers for item ${item}.`
				);
			}
			if (
				kind !== 'statement' &&
				pending.some((r) => r.kind === kind && r.participantId === speaker.id)
			) {
				return refuse(
					'already_requested',
					`${speaker.name} has already asked for the floor for this.`
				);
			}
			const request: FloorRequest = {
				id: commandId!,
				participantId: speaker.id,
				delegationId: speaker.delegationId,
				kind,
				capacity: { onBehalfOf: onBehalfOf ?? null },
				requestedAt: now,
				addedBy: speakerId === self ? null : self
			};
			return [floorEvent('floor.requested', { item, request })];
		}
	}),
	command({
		type: 'floor.withdraw',
		summary: 'Withdraw a request for the floor (its author, or the presiding officer).',
		payload: { ...itemField, requestId: z.string().min(1).max(64) },
		who: ['participant'],
		phases: ['in_session'],
		example: { requestId: 'c-7f3a9e12' },
		decide: (state, { item: given, requestId }, actor: Sender) => {
			const item = itemOf(state, given);
			if (typeof item !== 'number') return item;
			const request = state.floor[item]?.requests.find((r) => r.id === requestId);
			const self = actor.kind === 'participant' ? actor.participantId : null;
			if (request && request.participantId !== self && !actor.roles.has('presiding_officer')) {
				return NOT_ALLOWED;
			}
			if (!request) return refuse('no_such_request', 'There is no such request on the list.', 404);
			return [floorEvent('floor.withdrawn', { item, requestId })];
		}
	}),
	command({
		type: 'floor.give',
		summary:
			'Give the floor to a speaker on the list of the open item (a speech in progress ends). Statements get the item’s speech limit; procedural interventions at most 5 minutes.',
		payload: { ...itemField, requestId: z.string().min(1).max(64) },
		...presided,
		example: { requestId: 'c-7f3a9e12' },
		decide: (state, { item: given, requestId }) => {
			const item = openItem(state, given);
			if (typeof item !== 'number') return item;
			const list = state.floor[item];
			const request = list?.requests.find((r) => r.id === requestId);
			if (!list || !request)
				return refuse('no_such_request', 'There is no such request on the list.', 404);
			const limitSeconds =
				request.kind === 'statement'
					? list.limitSeconds
					: Math.min(list.limitSeconds, PROCEDURAL_CAP_SECONDS);
			const events: NewEvent[] = [];
			if (list.current) events.push(floorEvent('floor.speech_ended', { item }));
			events.push(floorEvent('floor.given', { item, requestId, limitSeconds }));
			return events;
		}
	}),
	command({
		type: 'floor.pause',
		summary: 'Pause the speech in progress (the clock stops).',
		payload: itemField,
		...presided,
		example: {},
		decide: (state, { item: given }) => {
			const found = currentSpeech(state, given);
			if ('code' in found) return found;
			if (found.speech.pausedAt !== null) {
				return refuse('already_paused', 'The speech is already paused.');
			}
			return [floorEvent('floor.paused', { item: found.item })];
		}
	}),
	command({
		type: 'floor.resume',
		summary: 'Resume a paused speech.',
		payload: itemField,
		...presided,
		example: {},
		decide: (state, { item: given }) => {
			const found = currentSpeech(state, given);
			if ('code' in found) return found;
			if (found.speech.pausedAt === null) return refuse('not_paused', 'The speech is not paused.');
			return [floorEvent('floor.resumed', { item: found.item })];
		}
	}),
	command({
		type: 'floor.end',
		summary: 'End the speech in progress.',
		payload: itemField,
		...presided,
		example: {},
		decide: (state, { item: given }) => {
			const found = currentSpeech(state, given);
			if ('code' in found) return found;
			return [floorEvent('floor.speech_ended', { item: found.item })];
		}
	}),
	command({
		type: 'floor.close_list',
		summary:
			'Close the list of speakers of an item: further requests are refused, except points of order and rights of reply the presiding officer grants.',
		payload: itemField,
		...presided,
		example: { item: 7 },
		decide: (state, { item: given }) => {
			const item = itemOf(state, given);
			if (typeof item !== 'number') return item;
			if (state.floor[item]?.closed)
				return refuse('list_already_closed', 'The list of speakers is already closed.');
			return [floorEvent('floor.list_closed', { item })];
		}
	}),
	command({
		type: 'floor.reopen_list',
		summary: 'Reopen a closed list of speakers.',
		payload: itemField,
		...presided,
		example: { item: 7 },
		decide: (state, { item: given }) => {
			const item = itemOf(state, given);
			if (typeof item !== 'number') return item;
			if (!state.floor[item]?.closed)
				return refuse('list_not_closed', 'The list of speakers is open.');
			return [floorEvent('floor.list_reopened', { item })];
		}
	}),
	command({
		type: 'floor.set_limit',
		summary:
			'Set the speech limit of an item, in seconds (default 180); it applies to speeches given from then on.',
		payload: { ...itemField, seconds: z.number().int().min(30).max(3600) },
		...presided,
		example: { item: 7, seconds: 240 },
		decide: (state, { item: given, seconds }) => {
			const item = itemOf(state, given);
			if (typeof item !== 'number') return item;
			return [floorEvent('floor.limit_set', { item, seconds })];
		}
	})
];

function listOf(state: ForumState, item: number): SpeakersList {
	state.floor[item] ??= emptyList(state, item);
	return state.floor[item];
}

export const floorEvolvers: Evolvers<FloorEvents> = {
	'floor.requested': (state, { item, request }) => {
		listOf(state, item).requests.push(request);
	},
	'floor.withdrawn': (state, { item, requestId }) => {
		const list = listOf(state, item);
		list.requests = list.requests.filter((r) => r.id !== requestId);
	},
	'floor.given': (state, { item, requestId, limitSeconds }, meta) => {
		const list = listOf(state, item);
		endSpeech(list, meta.at);
		const request = list.requests.find((r) => r.id === requestId);
		if (!request) return;
		list.requests = list.requests.filter((r) => r.id !== requestId);
		list.current = {
			requestId,
			participantId: request.participantId,
			delegationId: request.delegationId,
			kind: request.kind,
			capacity: request.capacity,
			item,
			limitSeconds,
			startedAt: meta.at,
			pausedAt: null,
			pausedMs: 0,
			endedAt: null
		};
	},
	'floor.paused': (state, { item }, meta) => {
		const speech = listOf(state, item).current;
		if (speech) speech.pausedAt = meta.at;
	},
	'floor.resumed': (state, { item }, meta) => {
		const speech = listOf(state, item).current;
		if (speech?.pausedAt != null) {
			speech.pausedMs += meta.at - speech.pausedAt;
			speech.pausedAt = null;
		}
	},
	'floor.speech_ended': (state, { item }, meta) => endSpeech(listOf(state, item), meta.at),
	'floor.list_closed': (state, { item }) => {
		listOf(state, item).closed = true;
	},
	'floor.list_reopened': (state, { item }) => {
		listOf(state, item).closed = false;
	},
	'floor.limit_set': (state, { item, seconds }) => {
		listOf(state, item).limitSeconds = seconds;
	}
};
