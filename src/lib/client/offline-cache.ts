/**
 * The forum as a participant last saw it, kept on the device so that the agenda, the report, the
 * opinions and the participant's own requests stay readable when the network drops. One entry per
 * forum and participant; it holds only the participant's own view (what the server sent them),
 * and sign-out clears it (the server also answers sign-out with Clear-Site-Data).
 *
 * What is kept is what the offline page shows (`ReadingCopy`), not the whole state: the state of
 * a forum of 5,000 participants is 730 KB of JSON, mostly its roster, and copying and writing it
 * every second the room was active took a third of a slow tablet's main thread (BENCHMARKS.md,
 * note 48).
 */
import { currentText } from '$lib/forum/opinion.text';
import { presidingOfficerId, type AgendaItemStatus, type ForumState } from '$lib/forum/types';
import { isRtl, localized, opinionTitle, paragraphText } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { OPINION_STATUS_LABELS } from './opinions';

/**
 * What the offline page shows, prepared when it is kept: the offline page is plain HTML with a
 * small script (it cannot run the app, whose routes need the server), so the current texts of
 * the opinions are computed here.
 */
export interface ReadingCopy {
	/** the reader's language when it was kept: the offline page speaks it */
	lang?: string;
	dir?: 'ltr' | 'rtl';
	/** the page's headings in that language */
	labels?: { agenda: string; opinions: string; presiding: string; report: string };
	title: string;
	presiding: string;
	agenda: { number: number; title: string; status: string }[];
	opinions: {
		number: number;
		title: string;
		status: string;
		paragraphs: { kind: string; text: string }[];
	}[];
	report: { title: string; sections: { number: string; title: string; text: string }[] };
}

const AGENDA_STATUS: Record<AgendaItemStatus, () => string> = {
	pending: m.agenda_status_pending,
	open: m.agenda_status_open,
	suspended: m.agenda_status_suspended,
	closed: m.agenda_status_closed
};

/**
 * In the reader's language, as the page showed it (the forum's content where translated).
 * `presiding`: the name of who presides (`presidingName`), looked up apart so that a copy kept as
 * a derived value (live-forum.svelte.ts) does not read the roster, which every check-in changes.
 */
export function readingCopy(state: ForumState, presiding: string): ReadingCopy {
	const locale = getLocale();
	return {
		lang: locale,
		dir: isRtl(locale) ? 'rtl' : 'ltr',
		labels: {
			agenda: m.agenda_heading(),
			opinions: m.link_opinions(),
			presiding: m.presiding_colon(),
			report: m.report_setup_heading()
		},
		title: localized(state.title, locale).text,
		presiding,
		agenda: state.agenda.map((i) => ({
			number: i.number,
			title: localized(i.title, locale).text,
			status: AGENDA_STATUS[i.status]()
		})),
		opinions: state.opinions.map((o) => ({
			number: o.number,
			title: opinionTitle(o, locale).text,
			status: OPINION_STATUS_LABELS[o.status](),
			paragraphs: (o.finalText ?? currentText(o)).map((p) => ({
				kind: p.kind,
				text: paragraphText(p, locale).text
			}))
		})),
		report: { title: state.report.title, sections: state.report.sections }
	};
}

/** The name of who presides now, for the reading copy. */
export function presidingName(state: ForumState): string {
	return state.participants[presidingOfficerId(state)]?.name ?? '';
}

const PREFIX = 'plenary:forum:';
const LAST = 'plenary:last';

export interface CachedForum {
	forum: string;
	/** the sequence number of the last event the reading copy was kept after */
	seq: number;
	reading: ReadingCopy;
	participantId: string;
	savedAt: number;
}

function key(forum: string, participantId: string): string {
	return `${PREFIX}${forum}:${participantId}`;
}

/**
 * Set when this page signs out: a save already scheduled (the live forum keeps its view a second
 * after each event) or an outbox answer arriving while the sign-out is on its way must not write
 * back what was just forgotten. The next page, signed in or not, starts afresh.
 */
let forgotten = false;

/** Whether this page may still write to the device (not once it signed out). */
export function keepingOnDevice(): boolean {
	return !forgotten;
}

/**
 * What `LAST` holds: whose forum this device showed last, and when it last heard from the server,
 * which is also when the reading copy was last known to be right. The offline page
 * (static/offline.js) reads both keys.
 */
interface LastShown {
	forum: string;
	participantId: string;
	seq: number;
	savedAt: number;
}

/**
 * Keeps `entry` on the device. `readingUnchanged`: the reading copy is the one kept last, so only
 * its sequence number and time are written (into `LAST`, a few bytes), not the copy again: most
 * of what a room does (stances, check-ins, requests for the floor) changes nothing the offline
 * page shows, and the copy is about 200 KB, written once a second while the room is at work
 * (BENCHMARKS.md, note 54).
 */
export function saveForum(entry: CachedForum, readingUnchanged = false): void {
	if (forgotten) return;
	try {
		if (!readingUnchanged) {
			localStorage.setItem(key(entry.forum, entry.participantId), JSON.stringify(entry));
		}
		const last: LastShown = {
			forum: entry.forum,
			participantId: entry.participantId,
			seq: entry.seq,
			savedAt: entry.savedAt
		};
		localStorage.setItem(LAST, JSON.stringify(last));
	} catch {
		// storage full or disabled: reading offline is then not possible, nothing else breaks
	}
}

/** Forget everything this device kept (sign-out). */
export function clearForums(): void {
	forgotten = true;
	try {
		for (const k of Object.keys(localStorage)) {
			if (k.startsWith('plenary:')) localStorage.removeItem(k);
		}
	} catch {
		// nothing kept
	}
}
