/**
 * How screens name and show draft opinions and their amendments (item 8). Pure functions of the
 * live state, shared by the opinion pages, the Chair's console, the delegate's tablet and the room
 * display.
 */
import { rolesOf, type Actor } from '$lib/forum/roles';
import { presidesOver } from '$lib/forum/opinion.rules';
import { currentText } from '$lib/forum/opinion.text';
import { m } from '$lib/paraglide/messages';
import type {
	Amendment,
	DraftOpinion,
	ForumState,
	OpinionParagraph,
	OpinionStatus,
	StanceKind
} from '$lib/forum/types';

/** Functions, not strings: read in the reader's language when the screen renders. */
export const OPINION_STATUS_LABELS: Record<OpinionStatus, () => string> = {
	in_report: m.opinion_status_in_report,
	under_consideration: m.opinion_status_under_consideration,
	consensus_check: m.opinion_status_consensus_check,
	assigned_to_wg: m.opinion_status_assigned_to_wg,
	wg_agreed: m.opinion_status_wg_agreed,
	wg_no_agreement: m.opinion_status_wg_no_agreement,
	adopted: m.opinion_status_adopted,
	adopted_with_amendments: m.opinion_status_adopted_with_amendments,
	not_adopted: m.opinion_status_not_adopted,
	deferred: m.opinion_status_deferred
};

/** What a delegation does, after its name: "France supports". */
export const STANCE_LABELS: Record<StanceKind, () => string> = {
	support: m.stance_supports,
	objection: m.stance_objects,
	reservation: m.stance_reserves
};

export const PARAGRAPH_KIND_LABELS: Record<OpinionParagraph['kind'], () => string> = {
	preambular: m.paragraph_kind_preambular,
	operative: m.paragraph_kind_operative
};

/** Before the plenary now: taken up and not yet decided. */
export function isBeforePlenary(opinion: DraftOpinion): boolean {
	return opinion.status === 'under_consideration' || opinion.status === 'consensus_check';
}

/**
 * The opinion a screen shows under item 8: the one before the plenary, or else the one decided
 * last, so that every screen shows the outcome once it is declared.
 */
export function opinionInFocus(forum: ForumState): DraftOpinion | null {
	const before = forum.opinions.find(isBeforePlenary);
	if (before) return before;
	let last: DraftOpinion | null = null;
	for (const o of forum.opinions) {
		if (o.decidedAt !== null && (last === null || o.decidedAt > (last.decidedAt ?? 0))) last = o;
	}
	return last;
}

/** Whether a consensus check is still open at `now` (the server's clock as this device knows it). */
export function checkOpen(opinion: DraftOpinion, now: number): boolean {
	return opinion.consensusCheck !== null && now < opinion.consensusCheck.closesAt;
}

/** Whether this person presides over this opinion now (plenary: presiding officer; WG: its chair). */
export function mayPreside(forum: ForumState, me: Actor, opinion: DraftOpinion): boolean {
	return presidesOver(forum, { ...me, roles: rolesOf(forum, me) }, opinion);
}

export interface ParagraphLabel {
	/** PP 1, OP 2: the drafting convention for preambular and operative paragraphs */
	short: string;
	/** for screen readers and forms */
	long: string;
}

/** Numbers preambular (PP) and operative (OP) paragraphs separately, in order. */
export function paragraphLabels(paragraphs: OpinionParagraph[]): Map<string, ParagraphLabel> {
	const labels = new Map<string, ParagraphLabel>();
	let pp = 0;
	let op = 0;
	for (const p of paragraphs) {
		const n = p.kind === 'preambular' ? ++pp : ++op;
		// PP and OP, the drafting convention, in every language; the long form is translated.
		labels.set(p.id, {
			short: `${p.kind === 'preambular' ? 'PP' : 'OP'} ${n}`,
			long:
				p.kind === 'preambular' ? m.paragraph_preambular_n({ n }) : m.paragraph_operative_n({ n })
		});
	}
	return labels;
}

/** "Amendment 3": numbered in the order proposed, so the number never changes. */
export function amendmentName(opinion: DraftOpinion, id: string): string {
	const index = opinion.amendments.findIndex((a) => a.id === id);
	return index < 0 ? m.amendment_unknown() : m.amendment_n({ n: index + 1 });
}

export function delegationName(forum: ForumState, id: string | null): string {
	return id ? (forum.delegations[id]?.name ?? id) : m.secretariat();
}

/** The paragraph an amendment refers to, named as in the current text (or the original). */
function paragraphName(opinion: DraftOpinion, id: string): string {
	const label =
		paragraphLabels(currentText(opinion)).get(id) ?? paragraphLabels(opinion.paragraphs).get(id);
	if (label) return label.short;
	return m.paragraph_inserted_by({ amendment: amendmentName(opinion, id) });
}

/** What an amendment does, in a sentence: "Replace OP 2", "Insert an operative paragraph after PP 3". */
export function describeChange(opinion: DraftOpinion, amendment: Amendment): string {
	const change = amendment.change;
	if (change.kind === 'replace')
		return m.change_replace({ paragraph: paragraphName(opinion, change.paragraphId) });
	if (change.kind === 'delete')
		return m.change_delete({ paragraph: paragraphName(opinion, change.paragraphId) });
	const operative = change.paragraphKind === 'operative';
	if (change.after === null)
		return operative ? m.change_insert_operative_start() : m.change_insert_preambular_start();
	const paragraph = paragraphName(opinion, change.after);
	return operative
		? m.change_insert_operative_after({ paragraph })
		: m.change_insert_preambular_after({ paragraph });
}

/** The current wording of the paragraph a replacement or deletion would change. */
export function targetText(opinion: DraftOpinion, amendment: Amendment): string | null {
	if (amendment.change.kind === 'insert') return null;
	const id = amendment.change.paragraphId;
	return currentText(opinion).find((p) => p.id === id)?.text ?? null;
}

/** "0:14": the remaining seconds of a consensus check, rounded up. */
export function secondsLeft(closesAt: number, now: number): string {
	const s = Math.max(0, Math.ceil((closesAt - now) / 1000));
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The start of a paragraph, for a choice in a list. */
export function excerpt(text: string, length = 60): string {
	return text.length > length ? `${text.slice(0, length).trimEnd()}…` : text;
}
