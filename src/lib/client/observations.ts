/**
 * How screens order and show observations on the Secretary-General's report (item 6). Pure
 * functions of the live state, shared by the report page and the Chair's console.
 */
import type { ForumState, Observation, ObservationStatus, ReportSection } from '$lib/forum/types';
import { m } from '$lib/paraglide/messages';

/** Functions, not strings: read in the reader's language when the screen renders. */
export const STATUS_LABELS: Record<ObservationStatus, () => string> = {
	submitted: m.observation_status_submitted,
	presented: m.observation_status_presented,
	withdrawn: m.observation_status_withdrawn
};

/**
 * A text's paragraphs: split on blank lines, each trimmed, empty ones dropped. Shown as plain
 * text in <p> elements, never as HTML.
 */
export function paragraphsOf(text: string): string[] {
	return text
		.split(/\r?\n[ \t]*(?:\r?\n[ \t]*)+/)
		.map((p) => p.trim())
		.filter((p) => p !== '');
}

/**
 * Compare section numbers as a reader expects: dotted parts one by one, digits by value
 * (2 < 2.1 < 2.2 < 10), lettered sections (annexes: A, B.1) after the numbered ones.
 */
export function compareSectionNumbers(a: string, b: string): number {
	const pa = a.split('.');
	const pb = b.split('.');
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		if (pa[i] === undefined) return -1;
		if (pb[i] === undefined) return 1;
		const na = /^\d+$/.test(pa[i]);
		const nb = /^\d+$/.test(pb[i]);
		if (na !== nb) return na ? -1 : 1;
		const order = na ? Number(pa[i]) - Number(pb[i]) : pa[i].localeCompare(pb[i]);
		if (order !== 0) return order;
	}
	return 0;
}

/** The report's sections by number, whatever the order in which they were added. */
export function sectionsInOrder(forum: ForumState): ReportSection[] {
	return [...forum.report.sections].sort((a, b) => compareSectionNumbers(a.number, b.number));
}

/** Observations in the report's order of sections, then in the order they were submitted. */
export function inReportOrder(forum: ForumState, observations: Observation[]): Observation[] {
	const position = new Map(sectionsInOrder(forum).map((s, i) => [s.number, i]));
	return [...observations].sort(
		(a, b) =>
			(position.get(a.section) ?? Infinity) - (position.get(b.section) ?? Infinity) ||
			a.submittedAt - b.submittedAt
	);
}

/** Each delegation that made observations, by name, with its observations in report order. */
export function byDelegation(
	forum: ForumState
): { delegationId: string; name: string; observations: Observation[] }[] {
	const groups = new Map<string, Observation[]>();
	for (const o of inReportOrder(forum, forum.observations)) {
		const list = groups.get(o.delegationId) ?? [];
		list.push(o);
		groups.set(o.delegationId, list);
	}
	return [...groups.entries()]
		.map(([delegationId, observations]) => ({
			delegationId,
			name: forum.delegations[delegationId]?.name ?? delegationId,
			observations
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
