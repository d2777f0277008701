/**
 * The forum at a past moment, as the history page shows it: what was on the agenda, who
 * presided, where each draft opinion stood. Pure; the replay itself is in the server's
 * outcome.service.ts.
 */
import {
	presidingOfficerId,
	type AgendaItemStatus,
	type ForumState,
	type Localized,
	type OpinionStatus,
	type Translations
} from '$lib/forum/types';
import { FORUM_TIME_ZONE } from './labels';

export interface HistorySummary {
	phase: ForumState['phase'];
	currentItem: number | null;
	/** `title` in English; `titles` in every language the forum has it, for the page's reader */
	agenda: { number: number; title: string; titles: Localized; status: AgendaItemStatus }[];
	presiding: { name: string; office: 'Chair' | 'Opening officer' } | null;
	speaker: string | null;
	restrictedSession: boolean;
	/** `status` in English words; `statusCode` and `titleTranslations` for the page's reader */
	opinions: {
		number: number;
		title: string;
		titleTranslations?: Translations;
		status: string;
		statusCode: OpinionStatus;
	}[];
}

const words = (status: string) => status.replaceAll('_', ' ');

export function historySummary(state: ForumState): HistorySummary {
	const presidingId = presidingOfficerId(state);
	const presiding = presidingId ? state.participants[presidingId] : undefined;
	const speech = state.currentItem === null ? null : state.floor[state.currentItem]?.current;
	return {
		phase: state.phase,
		currentItem: state.currentItem,
		agenda: state.agenda.map((i) => ({
			number: i.number,
			title: i.title.en,
			titles: i.title,
			status: i.status
		})),
		presiding: presiding
			? { name: presiding.name, office: state.chairId ? 'Chair' : 'Opening officer' }
			: null,
		speaker: speech ? (state.participants[speech.participantId]?.name ?? null) : null,
		restrictedSession: state.restricted.active,
		opinions: state.opinions.map((o) => ({
			number: o.number,
			title: o.title,
			...(o.titleTranslations ? { titleTranslations: o.titleTranslations } : {}),
			status: words(o.status),
			statusCode: o.status
		}))
	};
}

function zonedParts(at: number, timeZone: string) {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(at);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
	return {
		date: `${get('year')}-${get('month')}-${get('day')}`,
		time: `${get('hour')}:${get('minute')}:${get('second')}`
	};
}

/** A moment as a `datetime-local` input's value in the forum's time zone: "2026-12-01T10:30:00". */
export function toLocalInput(at: number, timeZone = FORUM_TIME_ZONE): string {
	const { date, time } = zonedParts(at, timeZone);
	return `${date}T${time}`;
}

/** A `datetime-local` value read in the forum's time zone, as epoch ms; null when malformed. */
export function fromLocalInput(value: string, timeZone = FORUM_TIME_ZONE): number | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
	if (!match) return null;
	const [, y, mo, d, h, mi, s] = match.map(Number);
	const asUtc = Date.UTC(y, mo - 1, d, h, mi, s || 0);
	if (Number.isNaN(asUtc)) return null;
	// The zone's offset at that moment; asked twice so that a change of offset nearby is honoured.
	const offset = (at: number) => {
		const { date, time } = zonedParts(at, timeZone);
		return Date.parse(`${date}T${time}Z`) - at;
	};
	const first = asUtc - offset(asUtc);
	return asUtc - offset(first);
}
