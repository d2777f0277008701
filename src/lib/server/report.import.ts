/**
 * Importing the Secretary-General's report from a Markdown file while the forum is in
 * preparation (docs/report-markdown.md). The file is checked as a whole first: a malformed file
 * adds nothing. Then each section goes through `forums.execute` as the very command the API takes
 * (`report.add_section`), so the rules decide every section and a refused one (a number already
 * in the report) does not stop the others.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { NOT_ALLOWED } from '$lib/forum/refusal';
import { rolesOf, type Actor } from '$lib/forum/roles';
import { COMMANDS } from '$lib/forum/rules';
import type { ForumService } from './forum.service';

export const REPORT_MAX_BYTES = 1024 * 1024;

// The limits are the command's own schema's, written once in setup.rules.ts.
const fields = COMMANDS['report.add_section'].payload as Record<
	'number' | 'title' | 'text',
	z.ZodString
>;
export const LIMITS = {
	number: fields.number.maxLength ?? 20,
	title: fields.title.maxLength ?? 300,
	text: fields.text.maxLength ?? 60_000
};

/** A section read from the file; `line` is its heading's line (the first line is 1). */
export interface SectionDraft {
	line: number;
	number: string;
	title: string;
	text: string;
}

/** Something wrong in the file; `line` is null when it concerns the whole file. */
export interface ReportProblem {
	line: number | null;
	message: string;
}

export type ReportCheck =
	| { ok: true; title: string | null; sections: SectionDraft[] }
	| { ok: false; message: string; problems: ReportProblem[] };

const TITLE = /^ {0,3}#(?=[ \t]|$)(.*)$/;
const SECTION = /^ {0,3}##(?=[ \t]|$)(.*)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** `2`, `2.1`, `A`, `A.1`, each optionally followed by a dot or a colon, then the title. */
const NUMBERED = /^(\d+(?:\.\d+)*|[A-Z](?:\.\d+)*)[.:]?(?:[ \t]+(.*))?$/;
const EXAMPLE = '"## 1 Introduction" (a number such as 1, 2.1 or A, then the title)';

/** A heading's text without its optional closing hashes (`## 2 Title ##`). */
function headingText(content: string): string {
	const text = content.trim();
	return /^#+$/.test(text) ? '' : text.replace(/[ \t]+#+$/, '').trim();
}

/**
 * Read the report's sections from Markdown text, without changing anything: an optional
 * `# Title`, then one section per `## <number> <title>` heading, whose text runs to the next one.
 */
export function checkReport(markdown: string): ReportCheck {
	const whole = (message: string): ReportCheck => ({ ok: false, message, problems: [] });
	const bytes = Buffer.byteLength(markdown, 'utf8');
	if (bytes > REPORT_MAX_BYTES) {
		return whole(
			`The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; at most 1 MB can be imported at once. Import the report in parts, a few sections per file.`
		);
	}
	if (markdown.charCodeAt(0) === 0xfeff) markdown = markdown.slice(1);
	if (markdown.trim() === '') {
		return whole(
			`The file is empty. Start each section of the report with a heading such as ${EXAMPLE}.`
		);
	}

	let title: string | null = null;
	const sections: SectionDraft[] = [];
	const problems: ReportProblem[] = [];
	const problem = (line: number, message: string) => problems.push({ line, message });
	const firstLineOf = new Map<string, number>();
	/** the lines of the section being read; a section whose heading is wrong gets one too */
	let body: string[] | null = null;
	const bodies = new Map<SectionDraft, string[]>();
	let strayReported = false;
	/** the opening of the code fence we are in: headings inside it are text */
	let fence: string | null = null;

	const lines = markdown.split(/\r\n|\r|\n/);
	for (const [index, raw] of lines.entries()) {
		const line = index + 1;
		if (fence) {
			const close = FENCE.exec(raw);
			if (close && close[1][0] === fence[0] && close[1].length >= fence.length) {
				if (raw.trim() === close[1]) fence = null;
			}
			body?.push(raw);
			continue;
		}
		const sectionHeading = SECTION.exec(raw);
		const titleHeading = sectionHeading ? null : TITLE.exec(raw);
		if (sectionHeading) {
			body = [];
			const text = headingText(sectionHeading[1]);
			const numbered = NUMBERED.exec(text);
			if (!numbered) {
				problem(
					line,
					text === ''
						? `This section heading is empty. Write it as ${EXAMPLE}.`
						: `The heading "${text}" has no section number. Write it as ${EXAMPLE}.`
				);
				continue;
			}
			const number = numbered[1];
			const sectionTitle = (numbered[2] ?? '').replace(/^[-–—:][ \t]*/, '').trim();
			const first = firstLineOf.get(number);
			if (first !== undefined) {
				problem(
					line,
					`Section ${number} appears twice (first on line ${first}). Give each section its own number.`
				);
			} else {
				firstLineOf.set(number, line);
			}
			if (sectionTitle === '') {
				problem(
					line,
					`Section ${number} has no title. Write it after the number: "## ${number} Title".`
				);
			}
			if (number.length > LIMITS.number) {
				problem(line, `The section number ${number} is longer than ${LIMITS.number} characters.`);
			}
			if (sectionTitle.length > LIMITS.title) {
				problem(
					line,
					`The title of section ${number} is longer than ${LIMITS.title} characters. Shorten it.`
				);
			}
			const draft = { line, number, title: sectionTitle, text: '' };
			sections.push(draft);
			bodies.set(draft, body);
		} else if (titleHeading) {
			if (body || title !== null) {
				problem(
					line,
					`"# ${headingText(titleHeading[1])}" is a second title. The report has one title, before its first section: use "##" for a section and "###" for a heading inside one.`
				);
			} else {
				title = headingText(titleHeading[1]);
			}
		} else {
			fence = FENCE.exec(raw)?.[1] ?? null;
			if (body) {
				// runs of blank lines are one paragraph break (inside a code fence they are kept)
				if (raw.trim() !== '' || fence) body.push(fence ? raw : raw.trimEnd());
				else if (body.length > 0 && body.at(-1) !== '') body.push('');
			} else if (raw.trim() !== '' && !strayReported) {
				strayReported = true;
				problem(
					line,
					`This text comes before the first section. Everything after the title belongs to a section: start one with a heading such as ${EXAMPLE}.`
				);
			}
		}
	}

	for (const section of sections) {
		section.text = bodies.get(section)!.join('\n').trim();
		if (section.text.length > LIMITS.text) {
			problem(
				section.line,
				`The text of section ${section.number} is ${section.text.length.toLocaleString('en')} characters; a section holds at most ${LIMITS.text.toLocaleString('en')}. Split it into subsections (## ${section.number}.1, ## ${section.number}.2…).`
			);
		}
	}
	if (problems.length > 0) {
		problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
		const lineList = [...new Set(problems.map((p) => p.line))].join(', ');
		const message =
			problems.length === 1
				? `Line ${problems[0].line}: ${problems[0].message} Nothing was added: correct the file and import it again.`
				: `The file has ${problems.length} problems (lines ${lineList}), so nothing was added. Correct them and import the file again.`;
		return { ok: false, message, problems };
	}
	if (sections.length === 0) {
		return whole(`The file has no sections. Start each section with a heading such as ${EXAMPLE}.`);
	}
	return { ok: true, title, sections };
}

// ── Running the import ──────────────────────────────────────────────────────────────────────

/** What happened to one section; `line` is its heading's line in the file. */
export interface SectionImportReport {
	line: number;
	number: string;
	title: string;
	ok: boolean;
	code?: string;
	message?: string;
}

export type ReportImportOutcome =
	| {
			ok: true;
			/** the file's `# Title`, for information: the report's title is set with the forum */
			title: string | null;
			added: number;
			refused: number;
			sections: SectionImportReport[];
	  }
	| {
			ok: false;
			status: 400 | 403 | 404 | 409;
			error: { code: string; message: string };
			problems?: ReportProblem[];
	  };

/**
 * Whether this account may import the report into this forum now; undefined when it may. Reads
 * the same table the rules do (who and when `report.add_section` may be given).
 */
export async function reportImportRefusal(
	forums: ForumService,
	slug: string,
	accountId: string
): Promise<Extract<ReportImportOutcome, { ok: false }> | undefined> {
	const host = await forums.host(slug);
	if (!host || !host.full.participants[accountId]) {
		return {
			ok: false,
			status: 404,
			error: {
				code: 'no_such_forum',
				message: 'There is no such forum, or you are not registered for it.'
			}
		};
	}
	const addSection = COMMANDS['report.add_section'];
	const actor: Actor = { kind: 'participant', participantId: accountId };
	const roles = rolesOf(host.full, actor);
	if (!addSection.who.some((role) => roles.has(role))) {
		return {
			ok: false,
			status: 403,
			error: { code: NOT_ALLOWED.code, message: NOT_ALLOWED.message }
		};
	}
	if (!addSection.phases.includes(host.full.phase)) {
		return {
			ok: false,
			status: 409,
			error: {
				code: 'wrong_phase',
				message:
					"The forum is no longer in preparation: the Secretary-General's report can be added to only during the preparatory period."
			}
		};
	}
	return undefined;
}

export async function importReport(
	forums: ForumService,
	slug: string,
	accountId: string,
	markdown: string
): Promise<ReportImportOutcome> {
	const refusal = await reportImportRefusal(forums, slug, accountId);
	if (refusal) return refusal;
	const checked = checkReport(markdown);
	if (!checked.ok) {
		return {
			ok: false,
			status: 400,
			error: { code: 'malformed_report', message: checked.message },
			problems: checked.problems
		};
	}
	const sections: SectionImportReport[] = [];
	for (const { line, number, title, text } of checked.sections) {
		const outcome = await forums.execute(slug, accountId, {
			id: randomUUID(),
			type: 'report.add_section',
			number,
			title,
			text
		});
		const report = { line, number, title };
		sections.push(
			outcome.ok ? { ...report, ok: true } : { ...report, ok: false, ...outcome.error }
		);
	}
	const added = sections.filter((s) => s.ok).length;
	return { ok: true, title: checked.title, added, refused: sections.length - added, sections };
}
