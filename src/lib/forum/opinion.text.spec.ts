import { describe, expect, it } from 'vitest';
import { newOpinion } from './opinion.rules';
import {
	applyChange,
	currentText,
	opinionDiff,
	tokenize,
	wordDiff,
	type DiffPart
} from './opinion.text';
import type { AmendmentChange, DraftOpinion, OpinionParagraph } from './types';

/** The text before the change: what was kept and what was removed, in order. */
const beforeOf = (parts: DiffPart[]) =>
	parts
		.filter((p) => p.op !== 'added')
		.map((p) => p.text)
		.join('');
/** The text after the change: what was kept and what was added, in order. */
const afterOf = (parts: DiffPart[]) =>
	parts
		.filter((p) => p.op !== 'removed')
		.map((p) => p.text)
		.join('');

describe('tokenize', () => {
	it.each([
		['English', 'invites Member States to consider the report of the Secretary-General;'],
		[
			'French with apostrophes',
			"l'Union internationale des télécommunications (UIT) d'aujourd'hui"
		],
		['French with accents', 'les États Membres et les Membres de Secteur, à la réunion'],
		['French with a typographic apostrophe', 'l’Union internationale'],
		['French with decomposed accents', 'E\u0301tats Membres'],
		['Arabic', 'الاتحاد الدولي للاتصالات، يدعو الدول الأعضاء إلى النظر في التقرير.'],
		['Chinese', '国际电信联盟（国际电联）邀请成员国审议秘书长的报告。'],
		['Chinese with Latin and digits', '推动5G网络建设，使用ICT技术'],
		['Japanese', '国際電気通信連合はカタカナとひらがなを使う'],
		['Thai', 'สหภาพโทรคมนาคมระหว่างประเทศ'],
		['Russian', 'Международный союз электросвязи предлагает Государствам-Членам рассмотреть'],
		['Spanish', '¿Invita a los Estados Miembros? ¡Sí!'],
		['mixed scripts', 'ITU / МСЭ / 国际电联 / الاتحاد / UIT'],
		['punctuation only', '...;:!?()[]{}«»“”‘’—–-/\\@#%&*'],
		['punctuation-heavy text', '(a) recognizing: "the Forum", [b]; c) — d)...'],
		['multiple spaces and newlines', 'first  line\n\n  second\tline \r\n third   '],
		['emoji', '🌍 connectivity 👩‍💻 for all ❤️ 1️⃣ 🇫🇷 👍🏽'],
		['the empty string', '']
	])('gives %s back when the tokens are joined', (_what, text) => {
		expect(tokenize(text).join('')).toBe(text);
	});

	it('keeps words whole, with their inner apostrophes and hyphens', () => {
		expect(tokenize("l'Union internationale")).toEqual(["l'Union", ' ', 'internationale']);
		expect(tokenize('l’Union')).toEqual(['l’Union']);
		expect(tokenize('Secretary-General;')).toEqual(['Secretary-General', ';']);
		expect(tokenize('États Membres')).toEqual(['États', ' ', 'Membres']);
	});

	it('makes single punctuation marks and runs of white space tokens', () => {
		expect(tokenize('Members;  (all)\n')).toEqual(['Members', ';', '  ', '(', 'all', ')', '\n']);
	});

	it('splits Arabic and Russian at spaces, with punctuation apart', () => {
		expect(tokenize('الدول الأعضاء، التقرير')).toEqual([
			'الدول',
			' ',
			'الأعضاء',
			'،',
			' ',
			'التقرير'
		]);
		expect(tokenize('Государствам-Членам рассмотреть')).toEqual([
			'Государствам-Членам',
			' ',
			'рассмотреть'
		]);
	});

	it('makes each Han character a token', () => {
		expect(tokenize('国际电联。')).toEqual(['国', '际', '电', '联', '。']);
	});

	it('makes each Han character a token even right after Latin letters or digits', () => {
		expect(tokenize('推动5G网络')).toEqual(['推', '动', '5G', '网', '络']);
		expect(tokenize('ICT技术')).toEqual(['ICT', '技', '术']);
	});
});

describe('wordDiff', () => {
	const cases: [string, string, string][] = [
		['an insertion at the start', 'invites Member States', 'further invites Member States'],
		[
			'an insertion at the end',
			'invites Member States',
			'invites Member States and Sector Members'
		],
		['an insertion in the middle', 'invites Member States', 'invites all Member States'],
		['a deletion', 'invites all Member States', 'invites Member States'],
		['the replacement of one word', 'invites Member States', 'urges Member States'],
		['a change of punctuation only', 'invites Members;', 'invites Members.'],
		['a reordering of words', 'A and B', 'B and A'],
		['a longer reordering', 'digital, green and resilient', 'resilient, digital and green'],
		['white space only', 'invites  Member States', 'invites Member\nStates'],
		['French', "l'Union internationale", "l'Union européenne et internationale"],
		['Arabic', 'يدعو الدول الأعضاء', 'يحث الدول الأعضاء'],
		['Chinese', '邀请成员国审议报告', '敦促成员国审议报告'],
		['Russian', 'предлагает Государствам-Членам', 'настоятельно предлагает Государствам-Членам'],
		['emoji', 'connectivity 🌍 for all', 'connectivity 🌏 for all'],
		['identical texts', 'invites Member States', 'invites Member States'],
		['an empty before', '', 'invites Member States'],
		['an empty after', 'invites Member States', ''],
		['two empty texts', '', ''],
		['texts with nothing in common', 'alpha beta', 'gamma delta']
	];

	it.each(cases)('reproduces both texts for %s', (_what, before, after) => {
		const parts = wordDiff(before, after);
		expect(beforeOf(parts)).toBe(before);
		expect(afterOf(parts)).toBe(after);
	});

	it.each(cases)('never gives empty parts nor two neighbours of one kind for %s', (_w, a, b) => {
		const parts = wordDiff(a, b);
		expect(parts.every((p) => p.text.length > 0)).toBe(true);
		for (let i = 1; i < parts.length; i++) expect(parts[i].op).not.toBe(parts[i - 1].op);
	});

	it('an insertion at the start', () => {
		expect(wordDiff('invites Member States', 'further invites Member States')).toEqual([
			{ op: 'added', text: 'further ' },
			{ op: 'same', text: 'invites Member States' }
		]);
	});

	it('an insertion at the end', () => {
		expect(wordDiff('invites Member States', 'invites Member States and Sector Members')).toEqual([
			{ op: 'same', text: 'invites Member States' },
			{ op: 'added', text: ' and Sector Members' }
		]);
	});

	it('an insertion in the middle', () => {
		expect(wordDiff('invites Member States', 'invites all Member States')).toEqual([
			{ op: 'same', text: 'invites ' },
			{ op: 'added', text: 'all ' },
			{ op: 'same', text: 'Member States' }
		]);
	});

	it('a deletion', () => {
		expect(wordDiff('invites all Member States', 'invites Member States')).toEqual([
			{ op: 'same', text: 'invites ' },
			{ op: 'removed', text: 'all ' },
			{ op: 'same', text: 'Member States' }
		]);
	});

	it('the replacement of one word: removed, then added', () => {
		expect(wordDiff('invites Member States', 'urges Member States')).toEqual([
			{ op: 'removed', text: 'invites' },
			{ op: 'added', text: 'urges' },
			{ op: 'same', text: ' Member States' }
		]);
	});

	it('a change of punctuation only touches the mark, not the word', () => {
		expect(wordDiff('invites Members;', 'invites Members.')).toEqual([
			{ op: 'same', text: 'invites Members' },
			{ op: 'removed', text: ';' },
			{ op: 'added', text: '.' }
		]);
	});

	it('a reordering keeps what the two orders share', () => {
		expect(wordDiff('A and B', 'B and A')).toEqual([
			{ op: 'removed', text: 'A' },
			{ op: 'added', text: 'B' },
			{ op: 'same', text: ' and ' },
			{ op: 'removed', text: 'B' },
			{ op: 'added', text: 'A' }
		]);
	});

	it('replaces one Arabic word, not the sentence', () => {
		expect(wordDiff('يدعو الدول الأعضاء', 'يحث الدول الأعضاء')).toEqual([
			{ op: 'removed', text: 'يدعو' },
			{ op: 'added', text: 'يحث' },
			{ op: 'same', text: ' الدول الأعضاء' }
		]);
	});

	it('replaces Chinese characters one by one, not the sentence', () => {
		// 邀请 (invites) → 敦促 (urges): two characters, the rest unchanged
		expect(wordDiff('邀请成员国审议报告。', '敦促成员国审议报告。')).toEqual([
			{ op: 'removed', text: '邀请' },
			{ op: 'added', text: '敦促' },
			{ op: 'same', text: '成员国审议报告。' }
		]);
		// one character of a word: 审议 (consider) → 审查 (review)
		expect(wordDiff('成员国审议报告', '成员国审查报告')).toEqual([
			{ op: 'same', text: '成员国审' },
			{ op: 'removed', text: '议' },
			{ op: 'added', text: '查' },
			{ op: 'same', text: '报告' }
		]);
	});

	it('replaces a Chinese character right after Latin letters on its own', () => {
		expect(wordDiff('推动5G网络建设', '推动5G网络部署')).toEqual([
			{ op: 'same', text: '推动5G网络' },
			{ op: 'removed', text: '建设' },
			{ op: 'added', text: '部署' }
		]);
	});

	it('identical texts give one part, the same text', () => {
		expect(wordDiff('invites Member States', 'invites Member States')).toEqual([
			{ op: 'same', text: 'invites Member States' }
		]);
	});

	it('an empty before is all added, an empty after all removed, two empty texts nothing', () => {
		expect(wordDiff('', 'invites Member States')).toEqual([
			{ op: 'added', text: 'invites Member States' }
		]);
		expect(wordDiff('invites Member States', '')).toEqual([
			{ op: 'removed', text: 'invites Member States' }
		]);
		expect(wordDiff('', '')).toEqual([]);
	});
});

/** An opinion of three paragraphs p1…p3. */
function opinion(): DraftOpinion {
	return newOpinion({
		number: 1,
		title: 'Bridging digital divides (illustrative)',
		illustrative: true,
		paragraphs: [
			{ kind: 'preambular', text: 'recognizing the digital divides,' },
			{ kind: 'operative', text: 'invites Member States to act;' },
			{ kind: 'operative', text: 'invites Sector Members to contribute.' }
		]
	});
}

/** `o` with these changes accepted in this order, as amendments a1, a2, … */
function withAccepted(o: DraftOpinion, ...changes: AmendmentChange[]): DraftOpinion {
	const next = structuredClone(o);
	changes.forEach((change, i) => {
		const id = `a${i + 1}`;
		next.amendments.push({
			id,
			opinion: o.number,
			delegationId: 'FRA',
			authorId: 'p-fra-head',
			change,
			status: 'accepted',
			secondedBy: 'BRA',
			proposedAt: 0,
			decidedAt: 0
		});
		next.accepted.push(id);
	});
	return next;
}

const ids = (paragraphs: OpinionParagraph[]) => paragraphs.map((p) => p.id);

describe('applyChange and currentText', () => {
	it('returns null when the target paragraph is not in the text', () => {
		const text = opinion().paragraphs;
		expect(applyChange(text, { kind: 'replace', paragraphId: 'p9', text: 'x' }, 'a')).toBeNull();
		expect(applyChange(text, { kind: 'delete', paragraphId: 'p9' }, 'a')).toBeNull();
		expect(
			applyChange(text, { kind: 'insert', after: 'p9', paragraphKind: 'operative', text: 'x' }, 'a')
		).toBeNull();
	});

	it('is the original text when nothing was accepted', () => {
		expect(currentText(opinion())).toEqual(opinion().paragraphs);
	});

	it('ignores amendments that were not accepted', () => {
		const o = opinion();
		o.amendments.push({
			...withAccepted(o, { kind: 'delete', paragraphId: 'p1' }).amendments[0],
			status: 'rejected'
		});
		expect(currentText(o)).toEqual(o.paragraphs);
	});

	it("drops a replaced paragraph's translations (they no longer match) and keeps the others'", () => {
		const paragraphs: OpinionParagraph[] = [
			{
				id: 'p1',
				kind: 'preambular',
				text: 'recognizing…',
				translations: { fr: 'reconnaissant…' }
			},
			{ id: 'p2', kind: 'operative', text: 'invites…', translations: { ar: 'يدعو…' } }
		];
		const changed = applyChange(
			paragraphs,
			{ kind: 'replace', paragraphId: 'p2', text: 'urges…' },
			'a'
		)!;
		expect(changed[0]).toEqual(paragraphs[0]);
		expect(changed[1]).toStrictEqual({ id: 'p2', kind: 'operative', text: 'urges…' });
	});
});

describe('opinionDiff', () => {
	it('an untouched opinion: every paragraph unchanged, attributed to nothing', () => {
		expect(opinionDiff(opinion())).toEqual([
			{
				paragraphId: 'p1',
				kind: 'preambular',
				status: 'unchanged',
				amendmentId: null,
				parts: [{ op: 'same', text: 'recognizing the digital divides,' }]
			},
			{
				paragraphId: 'p2',
				kind: 'operative',
				status: 'unchanged',
				amendmentId: null,
				parts: [{ op: 'same', text: 'invites Member States to act;' }]
			},
			{
				paragraphId: 'p3',
				kind: 'operative',
				status: 'unchanged',
				amendmentId: null,
				parts: [{ op: 'same', text: 'invites Sector Members to contribute.' }]
			}
		]);
	});

	it('a replaced paragraph is changed, with a word diff, attributed to its amendment', () => {
		const o = withAccepted(opinion(), {
			kind: 'replace',
			paragraphId: 'p2',
			text: 'urges Member States to act;'
		});
		const diff = opinionDiff(o);
		expect(diff.map((d) => [d.paragraphId, d.status, d.amendmentId])).toEqual([
			['p1', 'unchanged', null],
			['p2', 'changed', 'a1'],
			['p3', 'unchanged', null]
		]);
		expect(diff[1].parts).toEqual([
			{ op: 'removed', text: 'invites' },
			{ op: 'added', text: 'urges' },
			{ op: 'same', text: ' Member States to act;' }
		]);
	});

	it('two replacements of one paragraph: compared with the original, attributed to the last', () => {
		const o = withAccepted(
			opinion(),
			{ kind: 'replace', paragraphId: 'p2', text: 'urges Member States to act;' },
			{ kind: 'replace', paragraphId: 'p2', text: 'urges Member States to act now;' }
		);
		const changed = opinionDiff(o)[1];
		expect(changed).toMatchObject({ paragraphId: 'p2', status: 'changed', amendmentId: 'a2' });
		expect(beforeOf(changed.parts)).toBe('invites Member States to act;');
		expect(afterOf(changed.parts)).toBe('urges Member States to act now;');
	});

	it('an inserted paragraph is all added, under the inserting amendment, where it was put', () => {
		const o = withAccepted(
			opinion(),
			{ kind: 'insert', after: 'p1', paragraphKind: 'preambular', text: 'noting WTPF-21,' },
			{ kind: 'insert', after: null, paragraphKind: 'preambular', text: 'recalling WTPF-13,' },
			{ kind: 'insert', after: 'p3', paragraphKind: 'operative', text: 'decides to review.' }
		);
		const diff = opinionDiff(o);
		expect(diff.map((d) => [d.paragraphId, d.status, d.amendmentId])).toEqual([
			['a2', 'inserted', 'a2'],
			['p1', 'unchanged', null],
			['a1', 'inserted', 'a1'],
			['p2', 'unchanged', null],
			['p3', 'unchanged', null],
			['a3', 'inserted', 'a3']
		]);
		expect(diff[2]).toEqual({
			paragraphId: 'a1',
			kind: 'preambular',
			status: 'inserted',
			amendmentId: 'a1',
			parts: [{ op: 'added', text: 'noting WTPF-21,' }]
		});
	});

	it.each([
		['the first', 'p1', ['p1', 'p2', 'p3']],
		['a middle', 'p2', ['p1', 'p2', 'p3']],
		['the last', 'p3', ['p1', 'p2', 'p3']]
	])('a deleted paragraph (%s) appears where it stood, all removed', (_w, gone, order) => {
		const o = withAccepted(opinion(), { kind: 'delete', paragraphId: gone });
		const diff = opinionDiff(o);
		expect(diff.map((d) => d.paragraphId)).toEqual(order);
		const deleted = diff.find((d) => d.paragraphId === gone)!;
		expect(deleted).toEqual({
			paragraphId: gone,
			kind: opinion().paragraphs.find((p) => p.id === gone)!.kind,
			status: 'deleted',
			amendmentId: 'a1',
			parts: [{ op: 'removed', text: opinion().paragraphs.find((p) => p.id === gone)!.text }]
		});
		expect(diff.filter((d) => d.status === 'deleted')).toHaveLength(1);
		expect(ids(currentText(o))).toEqual(order.filter((id) => id !== gone));
	});

	it('several deleted paragraphs keep their order among the others', () => {
		const o = withAccepted(
			opinion(),
			{ kind: 'delete', paragraphId: 'p3' },
			{ kind: 'delete', paragraphId: 'p1' }
		);
		expect(opinionDiff(o).map((d) => [d.paragraphId, d.status, d.amendmentId])).toEqual([
			['p1', 'deleted', 'a2'],
			['p2', 'unchanged', null],
			['p3', 'deleted', 'a1']
		]);
	});

	it('mixes every status, each change under its own amendment', () => {
		const o = withAccepted(
			opinion(),
			{ kind: 'replace', paragraphId: 'p3', text: 'invites Sector Members to report.' },
			{ kind: 'delete', paragraphId: 'p1' },
			{ kind: 'insert', after: 'p2', paragraphKind: 'operative', text: 'instructs the SG.' }
		);
		expect(opinionDiff(o).map((d) => [d.paragraphId, d.status, d.amendmentId])).toEqual([
			['p1', 'deleted', 'a2'],
			['p2', 'unchanged', null],
			['a3', 'inserted', 'a3'],
			['p3', 'changed', 'a1']
		]);
	});

	it('does not change the opinion it compares', () => {
		const o = withAccepted(
			opinion(),
			{ kind: 'replace', paragraphId: 'p2', text: 'urges Member States to act;' },
			{ kind: 'delete', paragraphId: 'p1' }
		);
		const before = structuredClone(o);
		opinionDiff(o);
		currentText(o);
		expect(o).toEqual(before);
	});
});
