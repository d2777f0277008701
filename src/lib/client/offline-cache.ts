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

/** In the reader's language, as the page showed it (the forum's content where translated). */
export function readingCopy(state: ForumState): ReadingCopy {
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
		presiding: state.participants[presidingOfficerId(state)]?.name ?? '',
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

const PREFIX = 'plenary:forum:';
const LAST = 'plenary:last';

export interface CachedForum {
	forum: string;
	/** the sequence number of the last event the reading copy includes */
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

export function saveForum(entry: CachedForum): void {
	if (forgotten) return;
	try {
		localStorage.setItem(key(entry.forum, entry.participantId), JSON.stringify(entry));
		localStorage.setItem(
			LAST,
			JSON.stringify({ forum: entry.forum, participantId: entry.participantId })
		);
	} catch {
		// storage full or disabled: reading offline is then not possible, nothing else breaks
	}
}

export function loadForum(forum: string, participantId: string): CachedForum | null {
	try {
		const raw = localStorage.getItem(key(forum, participantId));
		return raw ? (JSON.parse(raw) as CachedForum) : null;
	} catch {
		return null;
	}
}

/** The forum and participant this device last showed (for the offline page). */
export function loadLast(): CachedForum | null {
	try {
		const last = JSON.parse(localStorage.getItem(LAST) ?? 'null') as {
			forum: string;
			participantId: string;
		} | null;
		return last ? loadForum(last.forum, last.participantId) : null;
	} catch {
		return null;
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
