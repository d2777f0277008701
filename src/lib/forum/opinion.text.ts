/**
 * An opinion's text: the original with accepted amendments applied in the order they were
 * accepted, and a word-level diff against the original with each change attributed to its
 * amendment. Pure functions, used by the rules, every screen and the outcome documents.
 */
import type { Amendment, AmendmentChange, DraftOpinion, OpinionParagraph } from './types';

/** Apply one change; returns null when its target paragraph no longer exists. */
export function applyChange(
	paragraphs: OpinionParagraph[],
	change: AmendmentChange,
	amendmentId: string
): OpinionParagraph[] | null {
	if (change.kind === 'insert') {
		const at = change.after === null ? 0 : paragraphs.findIndex((p) => p.id === change.after) + 1;
		if (at === 0 && change.after !== null) return null;
		const inserted: OpinionParagraph = {
			id: amendmentId,
			kind: change.paragraphKind,
			text: change.text
		};
		return [...paragraphs.slice(0, at), inserted, ...paragraphs.slice(at)];
	}
	const index = paragraphs.findIndex((p) => p.id === change.paragraphId);
	if (index < 0) return null;
	if (change.kind === 'delete') return paragraphs.filter((_, i) => i !== index);
	// The new wording exists only as proposed: the paragraph's translations no longer match it.
	return paragraphs.map((p, i) =>
		i === index ? { id: p.id, kind: p.kind, text: change.text } : p
	);
}

/** The text now: the original with the accepted amendments, in acceptance order. */
export function currentText(opinion: DraftOpinion): OpinionParagraph[] {
	let paragraphs = opinion.paragraphs;
	for (const id of opinion.accepted) {
		const amendment = opinion.amendments.find((a) => a.id === id);
		if (!amendment) continue;
		paragraphs = applyChange(paragraphs, amendment.change, amendment.id) ?? paragraphs;
	}
	return paragraphs;
}

/** Which accepted amendment last touched each paragraph of the current text. */
export function lastAmendmentOf(opinion: DraftOpinion): Map<string, Amendment> {
	const touched = new Map<string, Amendment>();
	for (const id of opinion.accepted) {
		const amendment = opinion.amendments.find((a) => a.id === id);
		if (!amendment) continue;
		const target = amendment.change.kind === 'insert' ? amendment.id : amendment.change.paragraphId;
		touched.set(target, amendment);
	}
	return touched;
}

export type DiffPart = { op: 'same' | 'added' | 'removed'; text: string };

export interface ParagraphDiff {
	paragraphId: string;
	kind: OpinionParagraph['kind'];
	status: 'unchanged' | 'changed' | 'inserted' | 'deleted';
	/** the accepted amendment behind the change, if any */
	amendmentId: string | null;
	parts: DiffPart[];
}

const SPACELESS = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}`;
// A letter or digit of a script written with spaces: a Han character right after "5G" or "ICT"
// is still a token of its own ("推动5G网络" → 推 动 5G 网 络).
const WORD_CHAR = String.raw`(?:(?![${SPACELESS}])[\p{L}\p{M}\p{N}])`;
// The apostrophe is escaped (\u2019) so that the built scripts stay ASCII (vite.config.ts).
const TOKEN_SOURCE = String.raw`\s+|[${SPACELESS}]|${WORD_CHAR}+(?:['\u2019-]${WORD_CHAR}+)*|[^\s\p{L}\p{M}\p{N}]`;
// Made on first use: compiling its Unicode classes took 5–20 ms of a throttled tablet's start
// (BENCHMARKS.md, note 40), and most pages never compare two texts.
let token: RegExp | undefined;

/**
 * Split into tokens a reader thinks of as words: runs of letters/digits (with inner apostrophes
 * and hyphens), single characters of scripts written without spaces (Han, Kana, Thai), single
 * punctuation marks, and runs of white space. Joining the tokens gives the text back.
 */
export function tokenize(text: string): string[] {
	token ??= new RegExp(TOKEN_SOURCE, 'gu');
	return text.match(token) ?? [];
}

/** Word-level diff by longest common subsequence (texts of a paragraph are short). */
export function wordDiff(before: string, after: string): DiffPart[] {
	const a = tokenize(before);
	const b = tokenize(after);
	// Trim the common prefix and suffix: most amendments change a few words.
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start++;
	let endA = a.length;
	let endB = b.length;
	while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
		endA--;
		endB--;
	}
	const midA = a.slice(start, endA);
	const midB = b.slice(start, endB);
	const rows = midA.length + 1;
	const cols = midB.length + 1;
	const lcs = new Uint32Array(rows * cols);
	for (let i = midA.length - 1; i >= 0; i--) {
		for (let j = midB.length - 1; j >= 0; j--) {
			lcs[i * cols + j] =
				midA[i] === midB[j]
					? lcs[(i + 1) * cols + j + 1] + 1
					: Math.max(lcs[(i + 1) * cols + j], lcs[i * cols + j + 1]);
		}
	}
	const parts: DiffPart[] = [];
	const push = (op: DiffPart['op'], text: string) => {
		const last = parts.at(-1);
		if (last && last.op === op) last.text += text;
		else if (text) parts.push({ op, text });
	};
	push('same', a.slice(0, start).join(''));
	let i = 0;
	let j = 0;
	while (i < midA.length && j < midB.length) {
		if (midA[i] === midB[j]) {
			push('same', midA[i]);
			i++;
			j++;
		} else if (lcs[(i + 1) * cols + j] >= lcs[i * cols + j + 1]) {
			push('removed', midA[i++]);
		} else {
			push('added', midB[j++]);
		}
	}
	while (i < midA.length) push('removed', midA[i++]);
	while (j < midB.length) push('added', midB[j++]);
	push('same', a.slice(endA).join(''));
	return parts;
}

/** The whole opinion compared with its original, paragraph by paragraph, in the current order. */
export function opinionDiff(opinion: DraftOpinion): ParagraphDiff[] {
	const now = currentText(opinion);
	const touched = lastAmendmentOf(opinion);
	const deletedBy = new Map<string, string>();
	for (const id of opinion.accepted) {
		const a = opinion.amendments.find((x) => x.id === id);
		if (a?.change.kind === 'delete') deletedBy.set(a.change.paragraphId, a.id);
	}
	const original = new Map(opinion.paragraphs.map((p) => [p.id, p]));
	const result: ParagraphDiff[] = [];
	const currentIds = new Set(now.map((p) => p.id));
	// Deleted original paragraphs are shown where they stood: before the next surviving one.
	const pendingDeleted = opinion.paragraphs.filter((p) => !currentIds.has(p.id));
	for (const paragraph of now) {
		const before = original.get(paragraph.id);
		if (before) {
			const position = opinion.paragraphs.indexOf(before);
			while (pendingDeleted.length && opinion.paragraphs.indexOf(pendingDeleted[0]) < position) {
				const gone = pendingDeleted.shift()!;
				result.push(deleted(gone, deletedBy.get(gone.id) ?? null));
			}
		}
		if (!before) {
			result.push({
				paragraphId: paragraph.id,
				kind: paragraph.kind,
				status: 'inserted',
				amendmentId: paragraph.id,
				parts: [{ op: 'added', text: paragraph.text }]
			});
		} else if (before.text === paragraph.text) {
			result.push({
				paragraphId: paragraph.id,
				kind: paragraph.kind,
				status: 'unchanged',
				amendmentId: null,
				parts: [{ op: 'same', text: paragraph.text }]
			});
		} else {
			result.push({
				paragraphId: paragraph.id,
				kind: paragraph.kind,
				status: 'changed',
				amendmentId: touched.get(paragraph.id)?.id ?? null,
				parts: wordDiff(before.text, paragraph.text)
			});
		}
	}
	for (const gone of pendingDeleted) result.push(deleted(gone, deletedBy.get(gone.id) ?? null));
	return result;
}

function deleted(paragraph: OpinionParagraph, amendmentId: string | null): ParagraphDiff {
	return {
		paragraphId: paragraph.id,
		kind: paragraph.kind,
		status: 'deleted',
		amendmentId,
		parts: [{ op: 'removed', text: paragraph.text }]
	};
}
