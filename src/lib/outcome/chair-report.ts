/**
 * The outcome documents' content, from the forum's state (domain.md, "The event": the forum
 * adopts opinions by consensus and a Chair's report). Pure: given the state as the reader may
 * see it and a language, the Chair's report as a model ready to print; the page and the DOCX
 * file render the same model, so they cannot disagree.
 */
import { currentText } from '$lib/forum/opinion.text';
import type {
	AgendaItemStatus,
	Amendment,
	DraftOpinion,
	FloorKind,
	ForumState,
	OpinionParagraph,
	Stance
} from '$lib/forum/types';
import {
	formatDates,
	formatDuration,
	formatMoment,
	LABELS,
	localized,
	type OpinionOutcome,
	type OutcomeLanguage,
	type ParagraphRef
} from './labels';

export interface ChairReport {
	lang: OutcomeLanguage;
	forum: {
		title: string;
		theme: string;
		subthemes: string[];
		dates: string;
		venue: string;
		opened: string | null;
		closed: string | null;
	};
	officers: {
		chair: { name: string; delegation: string | null; elected: string } | null;
		openingOfficer: string;
		viceChairs: string[];
		workingGroupChairs: { workingGroup: string; name: string }[];
	};
	agenda: {
		number: number;
		title: string;
		status: AgendaItemStatus;
		statusLabel: string;
		sittings: string[];
	}[];
	observations: {
		section: string;
		heading: string;
		observations: { id: string; delegation: string; text: string; status: string }[];
	}[];
	statements: {
		item: number;
		heading: string;
		speeches: {
			speaker: string;
			delegation: string | null;
			kind: FloorKind;
			kindLabel: string;
			capacity: string;
			started: string;
			seconds: number;
			duration: string;
		}[];
	}[];
	opinions: ReportOpinion[];
	summaries: { at: number; when: string; text: string }[];
}

export interface ReportOpinion {
	number: number;
	heading: string;
	illustrative: boolean;
	outcome: OpinionOutcome;
	outcomeLabel: string;
	decided: string | null;
	reservations: StatementOnRecord[];
	objections: StatementOnRecord[];
	amendments: { proposedBy: string; change: string; text: string | null }[];
	/** the secretariat's recording of the final text, for adopted opinions */
	recorded: string | null;
}

export interface StatementOnRecord {
	delegation: string;
	text: string;
}

/** What the report says became of an opinion. Statuses short of a plenary decision are undecided. */
export function outcomeOf(opinion: DraftOpinion): OpinionOutcome {
	switch (opinion.status) {
		case 'adopted':
		case 'adopted_with_amendments':
		case 'not_adopted':
		case 'deferred':
			return opinion.status;
		default:
			return 'undecided';
	}
}

function delegationName(state: ForumState, id: string | null): string | null {
	if (!id) return null;
	return state.delegations[id]?.name ?? id;
}

function personName(state: ForumState, id: string): string {
	return state.participants[id]?.name ?? id;
}

/** The Chair's report on the forum as `state` shows it, in `lang`. */
export function chairReport(state: ForumState, lang: OutcomeLanguage): ChairReport {
	const t = LABELS[lang];
	const when = (at: number) => formatMoment(at, lang);
	return {
		lang,
		forum: {
			title: localized(state.title, lang),
			theme: localized(state.theme, lang),
			subthemes: state.subthemes.map((s) => localized(s, lang)),
			dates: formatDates(state.dates, lang),
			venue: state.venue,
			opened: state.openedAt === null ? null : when(state.openedAt),
			closed: state.closedAt === null ? null : when(state.closedAt)
		},
		officers: officers(state, lang),
		agenda: state.agenda.map((item) => ({
			number: item.number,
			title: localized(item.title, lang),
			status: item.status,
			statusLabel: t.itemStatus[item.status],
			sittings: item.sittings.map((s) =>
				t.sitting(when(s.openedAt), s.endedAt === null ? null : when(s.endedAt), s.endedAs)
			)
		})),
		observations: observations(state, lang),
		statements: statements(state, lang),
		opinions: state.opinions.map((o) => reportOpinion(state, o, lang)),
		summaries: state.restricted.summaries.map((s) => ({ at: s.at, when: when(s.at), text: s.text }))
	};
}

function officers(state: ForumState, lang: OutcomeLanguage): ChairReport['officers'] {
	const t = LABELS[lang];
	const { election } = state;
	let chair: ChairReport['officers']['chair'] = null;
	if (state.chairId) {
		const round = election.rounds.find((r) => r.elected === state.chairId)?.round ?? null;
		chair = {
			name: personName(state, state.chairId),
			delegation: delegationName(state, state.participants[state.chairId]?.delegationId ?? null),
			elected:
				election.how && election.electedAt !== null
					? t.chairElected(election.how, formatMoment(election.electedAt, lang), round)
					: ''
		};
	}
	return {
		chair,
		openingOfficer: state.openingOfficerId ? personName(state, state.openingOfficerId) : '',
		viceChairs: state.officers.viceChairs.map((id) => personName(state, id)),
		workingGroupChairs: Object.entries(state.officers.workingGroupChairs)
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([workingGroup, id]) => ({ workingGroup, name: personName(state, id) }))
	};
}

/** Every observation not withdrawn by its author, by section in the report's order. */
function observations(state: ForumState, lang: OutcomeLanguage): ChairReport['observations'] {
	const t = LABELS[lang];
	const kept = state.observations
		.filter((o) => o.status !== 'withdrawn')
		.sort((a, b) => a.submittedAt - b.submittedAt);
	const sections = state.report.sections.map((s) => ({ number: s.number, title: s.title }));
	// An observation on a section the state does not list still goes into the report.
	for (const o of kept) {
		if (!sections.some((s) => s.number === o.section)) {
			sections.push({ number: o.section, title: '' });
		}
	}
	return sections
		.map((section) => ({
			section: section.number,
			heading: t.section(section.number, section.title),
			observations: kept
				.filter((o) => o.section === section.number)
				.map((o) => ({
					id: o.id,
					delegation: delegationName(state, o.delegationId) ?? '',
					text: o.text,
					status:
						o.status === 'presented' && o.presentedAt !== null
							? t.presented(formatMoment(o.presentedAt, lang))
							: t.notPresented
				}))
		}))
		.filter((s) => s.observations.length > 0);
}

/** The speeches given, item by item; a speech still in progress is not yet on the record. */
function statements(state: ForumState, lang: OutcomeLanguage): ChairReport['statements'] {
	const t = LABELS[lang];
	return state.agenda
		.map((item) => ({
			item: item.number,
			heading: `${t.item(item.number)}${t.colon}${localized(item.title, lang)}`,
			speeches: (state.floor[item.number]?.speeches ?? [])
				.filter((s) => s.endedAt !== null)
				.map((s) => {
					const seconds = Math.max(0, Math.round((s.endedAt! - s.startedAt - s.pausedMs) / 1000));
					return {
						speaker: personName(state, s.participantId),
						delegation: delegationName(state, s.delegationId),
						kind: s.kind,
						kindLabel: t.floorKind[s.kind],
						capacity: t.capacity(s.capacity.onBehalfOf),
						started: formatMoment(s.startedAt, lang),
						seconds,
						duration: formatDuration(seconds)
					};
				})
		}))
		.filter((i) => i.speeches.length > 0);
}

function stancesOf(
	state: ForumState,
	opinion: DraftOpinion,
	kind: Stance['kind']
): StatementOnRecord[] {
	return Object.values(opinion.stances)
		.filter((s) => s.kind === kind)
		.sort((a, b) => a.at - b.at)
		.map((s) => ({
			delegation: delegationName(state, s.delegationId) ?? '',
			text: s.text ?? ''
		}));
}

/** How the report names a paragraph: by its place in the original, or by who inserted it. */
export function paragraphRef(state: ForumState, opinion: DraftOpinion, id: string): ParagraphRef {
	const original = opinion.paragraphs.find((p) => p.id === id);
	if (original) {
		const sameKind = opinion.paragraphs.filter((p) => p.kind === original.kind);
		return { kind: original.kind, number: sameKind.indexOf(original) + 1 };
	}
	const inserting = opinion.amendments.find((a) => a.id === id);
	return { kind: 'inserted', by: delegationName(state, inserting?.delegationId ?? null) ?? id };
}

function describeAmendment(
	state: ForumState,
	opinion: DraftOpinion,
	amendment: Amendment,
	lang: OutcomeLanguage
): ReportOpinion['amendments'][number] {
	const t = LABELS[lang];
	const name = (id: string) => t.paragraph(paragraphRef(state, opinion, id));
	const { change } = amendment;
	return {
		proposedBy: t.proposedBy(
			delegationName(state, amendment.delegationId) ?? '',
			delegationName(state, amendment.secondedBy)
		),
		change:
			change.kind === 'replace'
				? t.replaced(name(change.paragraphId))
				: change.kind === 'insert'
					? t.inserted(change.paragraphKind, change.after === null ? null : name(change.after))
					: t.deleted(name(change.paragraphId)),
		text: change.kind === 'delete' ? null : change.text
	};
}

function reportOpinion(
	state: ForumState,
	opinion: DraftOpinion,
	lang: OutcomeLanguage
): ReportOpinion {
	const t = LABELS[lang];
	const outcome = outcomeOf(opinion);
	const adopted = outcome === 'adopted' || outcome === 'adopted_with_amendments';
	return {
		number: opinion.number,
		// The title in French where the secretariat gave it (French prevails, domain.md).
		heading: t.draftOpinion(
			opinion.number,
			localized({ ...opinion.titleTranslations, en: opinion.title }, lang)
		),
		illustrative: opinion.illustrative,
		outcome,
		outcomeLabel: t.outcomes[outcome],
		decided:
			outcome !== 'undecided' && opinion.decidedAt !== null
				? formatMoment(opinion.decidedAt, lang)
				: null,
		reservations: stancesOf(state, opinion, 'reservation'),
		objections: stancesOf(state, opinion, 'objection'),
		amendments: opinion.accepted
			.map((id) => opinion.amendments.find((a) => a.id === id))
			.filter((a): a is Amendment => a !== undefined)
			.map((a) => describeAmendment(state, opinion, a, lang)),
		recorded: !adopted
			? null
			: opinion.recordedAt !== null
				? t.recorded(formatMoment(opinion.recordedAt, lang))
				: t.notYetRecorded
	};
}

export interface AdoptedOpinion {
	number: number;
	title: string;
	illustrative: boolean;
	outcome: 'adopted' | 'adopted_with_amendments';
	/** whether the secretariat has recorded the final text; if not, this is the current text */
	recorded: boolean;
	recordedAt: number | null;
	paragraphs: OpinionParagraph[];
}

/** The adopted opinions' text: the recorded final text, else the current text (not yet recorded). */
export function adoptedOpinions(state: ForumState): AdoptedOpinion[] {
	return state.opinions
		.filter((o) => o.status === 'adopted' || o.status === 'adopted_with_amendments')
		.map((o) => ({
			number: o.number,
			title: o.title,
			illustrative: o.illustrative,
			outcome: o.status as AdoptedOpinion['outcome'],
			recorded: o.finalText !== null,
			recordedAt: o.recordedAt,
			paragraphs: o.finalText ?? currentText(o)
		}));
}

/** Words ITU texts set in italics at the head of a paragraph when they run to more than one. */
const LEADING_PHRASES = [
	'bearing in mind',
	'taking into account',
	'taking into consideration',
	'having regard to',
	'recognizing further',
	'recognizing also',
	'considering further',
	'considering also',
	'noting further',
	'noting also',
	'noting with concern',
	'noting with satisfaction',
	'further invites',
	'further encourages',
	'further requests'
];

export interface StyledParagraph {
	kind: OpinionParagraph['kind'];
	/** operative paragraphs are numbered 1, 2…; preambular ones are not */
	number: number | null;
	/** the leading word(s), set in italics by ITU's convention ("recognizing", "invites") */
	lead: string;
	rest: string;
}

/**
 * ITU's presentation of an opinion: each paragraph opens with its verb in italics
 * ("*considering* that…", "*invites* Member States…"), operative paragraphs are numbered.
 */
export function styledParagraphs(paragraphs: OpinionParagraph[]): StyledParagraph[] {
	let operative = 0;
	return paragraphs.map((p) => {
		const lower = p.text.toLowerCase();
		const phrase = LEADING_PHRASES.find((w) => lower.startsWith(`${w} `));
		const lead = phrase ? p.text.slice(0, phrase.length) : (p.text.match(/^\S+/)?.[0] ?? '');
		return {
			kind: p.kind,
			number: p.kind === 'operative' ? ++operative : null,
			lead,
			rest: p.text.slice(lead.length)
		};
	});
}
