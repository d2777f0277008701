import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from './db';
import type { ForumService } from './forum.service';
import { checkReport, importReport, LIMITS, REPORT_MAX_BYTES } from './report.import';
import { forumInMemory } from './testing';

function sectionsOf(markdown: string) {
	const checked = checkReport(markdown);
	if (!checked.ok) throw new Error(checked.message);
	return checked.sections;
}

describe('checkReport', () => {
	it('reads the title, then one section per "## <number> <title>" heading', () => {
		const checked = checkReport(
			'# Report of the Secretary-General\n\n## 1 Introduction\n\nFirst paragraph.\n\nSecond paragraph.\n\n## 2 Digital divides\nOne line.\n'
		);
		expect(checked).toEqual({
			ok: true,
			title: 'Report of the Secretary-General',
			sections: [
				{
					line: 3,
					number: '1',
					title: 'Introduction',
					text: 'First paragraph.\n\nSecond paragraph.'
				},
				{ line: 9, number: '2', title: 'Digital divides', text: 'One line.' }
			]
		});
	});

	it('accepts numbers such as 2, 2., 2.1, 2.1. and A, and a dash or colon before the title', () => {
		const sections = sectionsOf(
			'## 1 One\n## 2. Two\n## 2.1 Two point one\n## 2.2. Two point two\n## A Annex\n## B.1 – Dashed\n## 3: Colon ##\n'
		);
		expect(sections.map((s) => [s.number, s.title])).toEqual([
			['1', 'One'],
			['2', 'Two'],
			['2.1', 'Two point one'],
			['2.2', 'Two point two'],
			['A', 'Annex'],
			['B.1', 'Dashed'],
			['3', 'Colon']
		]);
	});

	it('needs no title line, and keeps deeper headings and code fences in the section text', () => {
		const sections = sectionsOf(
			'## 4 Resilience\n\n### 4.1 Networks\n\nText.\n\n```\n## not a section\n```\n'
		);
		expect(sections).toHaveLength(1);
		expect(sections[0].text).toBe('### 4.1 Networks\n\nText.\n\n```\n## not a section\n```');
	});

	it('trims the text, makes runs of blank lines one break, and reads CRLF and a BOM', () => {
		const [section] = sectionsOf('\uFEFF## 1 Intro\r\n\r\n\r\n  A.  \r\n\r\n\r\n\r\nB.\r\n\r\n');
		expect(section).toMatchObject({ line: 1, text: 'A.\n\nB.' });
	});

	it('accepts a section without text (a parent of subsections)', () => {
		expect(sectionsOf('## 2 Sub-themes\n## 2.1 Digital divides\nText.').map((s) => s.text)).toEqual(
			['', 'Text.']
		);
	});

	it('refuses a file without sections', () => {
		for (const text of ['', '  \n\n', '# Only a title\n', '# Title\n\n### 1 Too deep\n']) {
			const checked = checkReport(text);
			expect(checked.ok, JSON.stringify(text)).toBe(false);
		}
		const checked = checkReport('# Only a title\n');
		expect(!checked.ok && checked.message).toBe(
			'The file has no sections. Start each section with a heading such as "## 1 Introduction" (a number such as 1, 2.1 or A, then the title).'
		);
		expect(!checked.ok && checked.problems).toEqual([]);
	});

	it('reports every problem by line and adds nothing', () => {
		const checked = checkReport(
			[
				'# Report', // 1
				'Stray text before any section.', // 2
				'## 1 Introduction', // 3
				'Text.', // 4
				'## Digital divides', // 5
				'Text.', // 6
				'## 1. Introduction again', // 7
				'## 3', // 8
				'# A second title', // 9
				'##' // 10
			].join('\n')
		);
		expect(checked.ok).toBe(false);
		if (checked.ok) return;
		expect(checked.problems.map((p) => p.line)).toEqual([2, 5, 7, 8, 9, 10]);
		expect(checked.problems[0].message).toMatch(/^This text comes before the first section/);
		expect(checked.problems[1].message).toBe(
			'The heading "Digital divides" has no section number. Write it as "## 1 Introduction" (a number such as 1, 2.1 or A, then the title).'
		);
		expect(checked.problems[2].message).toBe(
			'Section 1 appears twice (first on line 3). Give each section its own number.'
		);
		expect(checked.problems[3].message).toBe(
			'Section 3 has no title. Write it after the number: "## 3 Title".'
		);
		expect(checked.problems[4].message).toMatch(/^"# A second title" is a second title/);
		expect(checked.problems[5].message).toMatch(/^This section heading is empty/);
		expect(checked.message).toBe(
			'The file has 6 problems (lines 2, 5, 7, 8, 9, 10), so nothing was added. Correct them and import the file again.'
		);
	});

	it('names the line of a single problem in the message', () => {
		const checked = checkReport('## 1 Intro\n\n## Two\n');
		expect(!checked.ok && checked.message).toBe(
			'Line 3: The heading "Two" has no section number. Write it as "## 1 Introduction" (a number such as 1, 2.1 or A, then the title). Nothing was added: correct the file and import it again.'
		);
	});

	it('refuses a file over 1 MB, and titles and texts over the command limits', () => {
		const big = checkReport('## 1 Big\n' + 'x'.repeat(REPORT_MAX_BYTES));
		expect(!big.ok && big.message).toMatch(/^The file is 1\.0 MB; at most 1 MB can be imported/);
		const long = checkReport(
			`## 1 ${'T'.repeat(LIMITS.title + 1)}\n## 2 Long\n${'y'.repeat(LIMITS.text + 1)}\n`
		);
		expect(!long.ok && long.problems.map((p) => p.line)).toEqual([1, 2]);
		expect(!long.ok && long.problems[1].message).toMatch(
			/^The text of section 2 is 60,001 characters; a section holds at most 60,000/
		);
	});

	it('reads the example in docs/examples/sg-report.md', () => {
		const example = readFileSync('docs/examples/sg-report.md', 'utf8');
		const checked = checkReport(example);
		expect(checked.ok).toBe(true);
		if (!checked.ok) return;
		expect(checked.title).toMatch(/^Report of the Secretary-General/);
		expect(checked.sections.map((s) => s.number)).toEqual(['1', '2', '2.1', '2.2', '3', 'A']);
		expect(checked.sections.every((s) => s.title !== '')).toBe(true);
	});
});

describe('importReport (a real in-memory database)', () => {
	let db: DB;
	let forums: ForumService;

	beforeEach(async () => {
		({ db, forums } = await forumInMemory([
			{ participantId: 'p-sg', name: 'SG', delegationId: null, role: 'secretariat' },
			{ participantId: 'p-fra', name: 'Delegate', delegationId: 'FRA', role: 'head' }
		]));
	});
	afterEach(async () => {
		await db.destroy();
	});

	const REPORT =
		'# Report\n\n## 1 Introduction\n\nText one.\n\n## 2 Digital divides\n\nText two.\n';

	it('adds each section through report.add_section, in order', async () => {
		const outcome = await importReport(forums, 'wtpf-26', 'p-sg', REPORT);
		expect(outcome).toMatchObject({ ok: true, title: 'Report', added: 2, refused: 0 });
		const host = (await forums.host('wtpf-26'))!;
		expect(host.full.report.sections).toEqual([
			{ number: '1', title: 'Introduction', text: 'Text one.' },
			{ number: '2', title: 'Digital divides', text: 'Text two.' }
		]);
	});

	it('reports, per section, the ones the rules refuse (importing twice adds nothing)', async () => {
		await importReport(forums, 'wtpf-26', 'p-sg', REPORT);
		const again = await importReport(forums, 'wtpf-26', 'p-sg', REPORT + '\n## 3 New\n\nText.');
		expect(again).toMatchObject({ ok: true, added: 1, refused: 2 });
		expect(again.ok && again.sections.map((s) => [s.line, s.number, s.ok, s.code])).toEqual([
			[3, '1', false, 'section_exists'],
			[7, '2', false, 'section_exists'],
			[11, '3', true, undefined]
		]);
	});

	it('adds nothing from a malformed file (400 malformed_report)', async () => {
		const outcome = await importReport(forums, 'wtpf-26', 'p-sg', REPORT + '## Unnumbered\n');
		expect(outcome).toMatchObject({ ok: false, status: 400, error: { code: 'malformed_report' } });
		expect(!outcome.ok && outcome.problems?.map((p) => p.line)).toEqual([10]);
		expect((await forums.host('wtpf-26'))!.full.report.sections).toEqual([]);
	});

	it('is for the secretariat, during preparation', async () => {
		expect(await importReport(forums, 'wtpf-26', 'p-fra', REPORT)).toMatchObject({
			ok: false,
			status: 403,
			error: { code: 'not_allowed' }
		});
		expect(await importReport(forums, 'wtpf-26', 'p-nobody', REPORT)).toMatchObject({
			ok: false,
			status: 404,
			error: { code: 'no_such_forum' }
		});
		await forums.appendAsServer('wtpf-26', [
			{ type: 'forum.opened', payload: {}, audience: 'public' }
		]);
		expect(await importReport(forums, 'wtpf-26', 'p-sg', REPORT)).toMatchObject({
			ok: false,
			status: 409,
			error: { code: 'wrong_phase' }
		});
	});
});
