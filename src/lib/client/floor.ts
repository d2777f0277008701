/**
 * What the floor's screens (the delegate's panel, the Chair's console, the room display) share:
 * the list of the open item in speaking order, who a speaker is, and how a countdown reads.
 */
import { speakingOrder } from '$lib/forum/floor.rules';
import { m } from '$lib/paraglide/messages';
import type { ForumCommands } from './forum-context.svelte';
import type { FloorKind, FloorRequest, ForumState, SpeakersList, Speech } from '$lib/forum/types';

/** Functions, not strings: read in the reader's language when the screen renders. */
export const KIND_LABELS: Record<FloorKind, () => string> = {
	statement: m.floor_kind_statement,
	point_of_order: m.floor_kind_point_of_order,
	right_of_reply: m.floor_kind_right_of_reply
};

export interface FloorNow {
	/** the open item, if any */
	item: number | null;
	list: SpeakersList | undefined;
	/** the speech in progress */
	speech: Speech | null;
	/** the waiting requests in speaking order */
	order: FloorRequest[];
	/** the first in speaking order: who "Next speaker" gives the floor to */
	next: FloorRequest | null;
}

/** The floor of the item open now. */
export function floorNow(forum: ForumState): FloorNow {
	const item = forum.currentItem;
	const list = item === null ? undefined : forum.floor[item];
	const order = speakingOrder(list);
	return { item, list, speech: list?.current ?? null, order, next: order[0] ?? null };
}

/**
 * How many of the list of speakers a delegate's tablet shows until asked for the whole list: the
 * list can run to a hundred names and more, which pushed the stance form and the agenda thousands
 * of pixels down (and cost the page's start about 0.1 s at 4× CPU throttling; BENCHMARKS.md). A
 * delegate's own requests, with their places, are listed apart. The Chair's console and the room
 * display keep their own lists.
 */
export const FIRST_SPEAKERS = 10;

/** A speaker or requester as a screen names them. */
export function speakerOf(forum: ForumState, who: FloorRequest | Speech) {
	const delegation = who.delegationId ? forum.delegations[who.delegationId]?.name : undefined;
	return {
		name: forum.participants[who.participantId]?.name ?? who.participantId,
		delegation: delegation ?? (who.delegationId ? who.delegationId : m.secretariat()),
		onBehalfOf: who.capacity.onBehalfOf,
		kind: KIND_LABELS[who.kind]()
	};
}

/** "m:ss" of a whole number of seconds (minutes are not capped at 59: "60:00"). */
export function clockText(seconds: number): string {
	const s = Math.max(0, Math.trunc(seconds));
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * How a countdown reads `remaining` ms: whole seconds rounded up while time is left (so the
 * limit shows in full at the start and "0:00" only when it is up), then the time over, "+m:ss".
 */
export function countdownText(remaining: number): { text: string; over: boolean } {
	if (remaining >= 0) return { text: clockText(Math.ceil(remaining / 1000)), over: false };
	return { text: `+${clockText(Math.floor(-remaining / 1000))}`, over: true };
}

/** A limit in words, for the timer's accessible name: "3 minutes", "1 minute 30 seconds". */
export function limitWords(seconds: number): string {
	const minutes = Math.floor(seconds / 60);
	const rest = seconds % 60;
	if (!minutes) return m.duration_seconds({ count: rest });
	if (!rest) return m.duration_minutes({ count: minutes });
	return m.duration_minutes_seconds({
		minutes: m.duration_minutes({ count: minutes }),
		seconds: m.duration_seconds({ count: rest })
	});
}

/** The presiding officer's floor actions, shared by the console's buttons and its shortcuts. */
export const floorActions = {
	/** the floor to the first in speaking order */
	next(commands: ForumCommands) {
		const { item, next } = floorNow(commands.live.state);
		if (next) void commands.give('floor.give', { item, requestId: next.id });
	},
	/** pause the speech in progress, or resume it if paused */
	pauseOrResume(commands: ForumCommands) {
		const { item, speech } = floorNow(commands.live.state);
		if (speech)
			void commands.give(speech.pausedAt === null ? 'floor.pause' : 'floor.resume', { item });
	},
	end(commands: ForumCommands) {
		const { item, speech } = floorNow(commands.live.state);
		if (speech) void commands.give('floor.end', { item });
	}
};
