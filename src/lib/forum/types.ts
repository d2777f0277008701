/**
 * The forum's state, as every rule and every screen sees it.
 * Plain JSON (no Map, no Date, no class) so that it can be sent as a snapshot,
 * cached offline and compared by hash.
 */

/** ITU's six official languages (domain.md). French prevails in case of dispute. */
export const LANGUAGES = ['en', 'fr', 'es', 'ar', 'zh', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text in one or more languages; English is always present. */
export type Localized = { en: string } & Partial<Record<Language, string>>;

/**
 * A text of the forum's own content in languages other than English, where the secretariat has
 * them (the working text, in English, is kept beside it). Optional everywhere: older events have none.
 */
export type Translations = Partial<Record<Exclude<Language, 'en'>, string>>;

export type ForumPhase = 'preparation' | 'in_session' | 'closed';

export const DELEGATION_CATEGORIES = [
	'member_state',
	'sector_member',
	'associate',
	'academia',
	'observer'
] as const;
export type DelegationCategory = (typeof DELEGATION_CATEGORIES)[number];

export interface Delegation {
	id: string;
	name: string;
	category: DelegationCategory;
}

/** A delegate's standing inside a delegation; `secretariat` for ITU staff. */
export const PARTICIPANT_ROLES = ['head', 'alternate', 'delegate', 'secretariat'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export interface Participant {
	id: string;
	name: string;
	/** null for the secretariat */
	delegationId: string | null;
	role: ParticipantRole;
	present: boolean;
}

export const AGENDA_ITEM_STATUSES = ['pending', 'open', 'suspended', 'closed'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];

export interface AgendaSitting {
	openedAt: number;
	/** set when the item was suspended or closed */
	endedAt: number | null;
	endedAs: 'suspended' | 'closed' | null;
}

export interface AgendaItem {
	number: number;
	title: Localized;
	status: AgendaItemStatus;
	/** every time the item was open, for the Chair's report */
	sittings: AgendaSitting[];
}

export interface ReportSection {
	number: string;
	title: string;
	text: string;
}

export const OPINION_STATUSES = [
	'in_report',
	'under_consideration',
	'consensus_check',
	'assigned_to_wg',
	'wg_agreed',
	'wg_no_agreement',
	'adopted',
	'adopted_with_amendments',
	'not_adopted',
	'deferred'
] as const;
export type OpinionStatus = (typeof OPINION_STATUSES)[number];

/** An opinion is decided once the plenary has reached one of these outcomes (domain.md, item 9). */
export const DECIDED_OPINION_STATUSES: readonly OpinionStatus[] = [
	'adopted',
	'adopted_with_amendments',
	'not_adopted',
	'deferred'
];

export interface OpinionParagraph {
	/** stable across amendments: `p1`… for the original paragraphs, the amendment's id for an inserted one */
	id: string;
	kind: 'preambular' | 'operative';
	text: string;
	/** the paragraph as annexed, in other languages; an amendment's new wording has none */
	translations?: Translations;
}

export const STANCE_KINDS = ['support', 'objection', 'reservation'] as const;
export type StanceKind = (typeof STANCE_KINDS)[number];

/** A delegation's one stance on an opinion. An objection blocks consensus while it stands. */
export interface Stance {
	delegationId: string;
	kind: StanceKind;
	/** the objection's reason or the reservation's statement for the report */
	text: string | null;
	by: string;
	at: number;
}

export type AmendmentChange =
	| { kind: 'replace'; paragraphId: string; text: string }
	| {
			kind: 'insert';
			/** insert after this paragraph; null: at the start */
			after: string | null;
			paragraphKind: 'preambular' | 'operative';
			text: string;
	  }
	| { kind: 'delete'; paragraphId: string };

export const AMENDMENT_STATUSES = [
	'proposed',
	'seconded',
	'accepted',
	'rejected',
	'withdrawn'
] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

export interface Amendment {
	/** the id of the command that proposed it */
	id: string;
	opinion: number;
	delegationId: string;
	authorId: string;
	change: AmendmentChange;
	status: AmendmentStatus;
	secondedBy: string | null;
	proposedAt: number;
	decidedAt: number | null;
}

export interface DraftOpinion {
	number: number;
	/** in English */
	title: string;
	/** the title in other languages, where the secretariat gave them */
	titleTranslations?: Translations;
	illustrative: boolean;
	/** the text as annexed to the report, never changed */
	paragraphs: OpinionParagraph[];
	status: OpinionStatus;
	/** the working group it is assigned to, while there */
	workingGroup: string | null;
	/** by delegation */
	stances: Record<string, Stance>;
	amendments: Amendment[];
	/** amendment ids in the order they were accepted: the current text applies them in this order */
	accepted: string[];
	/** "Are there any objections?": open from `openedAt` until `closesAt` */
	consensusCheck: { openedAt: number; closesAt: number } | null;
	decidedAt: number | null;
	/** recorded by the secretariat after adoption; immutable from then on */
	finalText: OpinionParagraph[] | null;
	recordedAt: number | null;
}

export interface ForumSettings {
	/** seconds; the default speech limit of an item (issue 4) */
	speechLimitSeconds: number;
	/** more than this share of accredited Member States must be checked in for a vote */
	quorumShare: number;
	/** whether a Sector Member's objection blocks consensus (domain.md: default yes) */
	sectorMemberObjectionBlocks: boolean;
	/** seconds during which tablets show "any objection?" after a consensus check */
	consensusCheckSeconds?: number;
}

export const DEFAULT_SETTINGS: ForumSettings = {
	speechLimitSeconds: 180,
	quorumShare: 0.5,
	sectorMemberObjectionBlocks: true
};

/** A person nominated for Chair by one Member State, seconded by another (item 2). */
export interface Candidate {
	participantId: string;
	nominatedBy: string;
	secondedBy: string | null;
}

/** One round of a contested election. */
export interface ElectionRound {
	round: number;
	candidates: string[];
	openedAt: number;
	closedAt: number | null;
	/** Member State delegations that have voted (public) */
	voted: string[];
	/** delegation → candidate; only in the views that may see the ballots (the voter's own, the server's) */
	ballots: Record<string, string>;
	/** published when the round closes */
	tally: Record<string, number> | null;
	elected: string | null;
	/** the quorum as it stood when the round opened */
	presentMemberStates: number;
	accreditedMemberStates: number;
}

export interface Election {
	candidates: Candidate[];
	rounds: ElectionRound[];
	electedAt: number | null;
	how: 'acclamation' | 'vote' | null;
}

export interface Officers {
	viceChairs: string[];
	/** working group name → its chair */
	workingGroupChairs: Record<string, string>;
}

export const FLOOR_KINDS = ['statement', 'point_of_order', 'right_of_reply'] as const;
export type FloorKind = (typeof FLOOR_KINDS)[number];

/** In what capacity a speaker takes the floor: for their own delegation or on behalf of a group. */
export type Capacity = { onBehalfOf: string | null };

/** A request for the floor, waiting on a list of speakers. */
export interface FloorRequest {
	/** the id of the command that made the request */
	id: string;
	participantId: string;
	delegationId: string | null;
	kind: FloorKind;
	capacity: Capacity;
	requestedAt: number;
	/** set when the presiding officer added it (a right of reply once the list is closed) */
	addedBy: string | null;
}

/** A speech: the server's times, from which every screen computes the same countdown. */
export interface Speech {
	requestId: string;
	participantId: string;
	delegationId: string | null;
	kind: FloorKind;
	capacity: Capacity;
	item: number;
	limitSeconds: number;
	startedAt: number;
	/** when the current pause began, if paused */
	pausedAt: number | null;
	/** milliseconds spent paused before the current pause */
	pausedMs: number;
	endedAt: number | null;
}

/** The list of speakers of one agenda item. */
export interface SpeakersList {
	item: number;
	closed: boolean;
	limitSeconds: number;
	requests: FloorRequest[];
	current: Speech | null;
	/** speeches given, for the record */
	speeches: Speech[];
}

export const OBSERVATION_STATUSES = ['submitted', 'presented', 'withdrawn'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

/** A member's observation on one section of the Secretary-General's report (item 6). */
export interface Observation {
	id: string;
	section: string;
	delegationId: string;
	authorId: string;
	text: string;
	status: ObservationStatus;
	submittedAt: number;
	presentedAt: number | null;
}

/** The decision to hold a session for Member States only, and the sessions held. */
export interface RestrictedSession {
	/** the request, once made, until the vote on it closes */
	motion: { requestedBy: string; secondedBy: string | null; requestedAt: number } | null;
	vote: {
		openedAt: number;
		/** the sequence number of the event that opened it: which vote a late-applied ballot was for */
		openedSeq: number;
		closedAt: number | null;
		voted: string[];
		/** delegation → yes/no; only in the views that may see the ballots */
		ballots: Record<string, 'yes' | 'no'>;
		tally: { yes: number; no: number } | null;
		passed: boolean | null;
		presentMemberStates: number;
		accreditedMemberStates: number;
	} | null;
	/** the Member States decided it and it has not been held yet */
	approved: boolean;
	active: boolean;
	since: number | null;
	sessions: { startedAt: number; endedAt: number | null }[];
	summaries: { at: number; text: string }[];
}

export interface ForumState {
	slug: string;
	title: Localized;
	theme: Localized;
	subthemes: Localized[];
	venue: string;
	dates: { start: string; end: string };
	phase: ForumPhase;
	settings: ForumSettings;
	openedAt: number | null;
	closedAt: number | null;
	/** the Secretary-General or their appointee: presides over items 1–2 until a Chair is elected */
	openingOfficerId: string;
	/** the elected Chair, once in office */
	chairId: string | null;
	election: Election;
	officers: Officers;
	agenda: AgendaItem[];
	/** the plenary item open now, if any */
	currentItem: number | null;
	delegations: Record<string, Delegation>;
	participants: Record<string, Participant>;
	report: { title: string; sections: ReportSection[] };
	/** lists of speakers by agenda item number */
	floor: Record<string, SpeakersList>;
	observations: Observation[];
	restricted: RestrictedSession;
	opinions: DraftOpinion[];
}

/** Who presides now: the Chair once elected, the opening officer before (domain.md). */
export function presidingOfficerId(state: ForumState): string {
	return state.chairId ?? state.openingOfficerId;
}
