/**
 * Importing delegations and participants from a CSV file while the forum is in preparation
 * (docs/participants-csv.md). The file is checked as a whole first: a malformed file registers
 * nothing. Then each row goes through `forums.execute` as the very commands the API takes
 * (`delegation.register`, `participant.register`), so the rules decide every registration and a
 * refused row does not stop the others.
 */
import { randomUUID } from 'node:crypto';
import { COMMANDS, parseCommand } from '$lib/forum/rules';
import { NOT_ALLOWED } from '$lib/forum/refusal';
import { rolesOf, type Actor } from '$lib/forum/roles';
import {
	DELEGATION_CATEGORIES,
	PARTICIPANT_ROLES,
	type Delegation,
	type DelegationCategory,
	type ParticipantRole
} from '$lib/forum/types';
import type { ForumService } from './forum.service';

export const CSV_MAX_BYTES = 2 * 1024 * 1024;
export const CSV_MAX_ROWS = 5000;
export const CSV_COLUMNS = [
	'delegation_code',
	'delegation_name',
	'category',
	'name',
	'email',
	'role',
	'password'
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
const OPTIONAL_COLUMNS: readonly CsvColumn[] = ['password'];
const COLUMN_LIST = `${CSV_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c)).join(', ')} and, optionally, ${OPTIONAL_COLUMNS.join(', ')}`;

// ── RFC 4180 ────────────────────────────────────────────────────────────────────────────────

/** One record of the file; `line` is the line it starts on (the first line is 1). */
export interface CsvRecord {
	line: number;
	fields: string[];
}

export type CsvParse =
	{ ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

/**
 * RFC 4180: fields separated by commas, records by CRLF (LF or CR alone accepted too); a field in
 * double quotes may hold commas, line breaks and doubled quotes. A leading UTF-8 BOM (spreadsheets
 * write one) is dropped, and blank records (nothing but commas and spaces) are skipped.
 */
export function parseCsv(text: string): CsvParse {
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	const records: CsvRecord[] = [];
	let fields: string[] = [];
	let field = '';
	let quoted = false; // the current field was written in quotes
	let inQuotes = false;
	let line = 1;
	let recordLine = 1;
	let quoteLine = 1;

	const endField = () => {
		fields.push(field);
		field = '';
		quoted = false;
	};
	const endRecord = () => {
		endField();
		if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields });
		fields = [];
	};

	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		const isBreak = c === '\n' || (c === '\r' && text[i + 1] !== '\n');
		if (inQuotes) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') {
				inQuotes = false;
			} else {
				if (isBreak) line++;
				field += c;
			}
		} else if (c === ',') {
			endField();
		} else if (c === '\r' || c === '\n') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			endRecord();
			line++;
			recordLine = line;
		} else if (quoted) {
			// spaces after a closing quote are harmless; anything else means a broken field
			if (c !== ' ' && c !== '\t') {
				return {
					ok: false,
					line,
					message: `Line ${line}: a quoted value is followed by "${c}" before the next comma. Inside quotes, write a quote as two quotes ("").`
				};
			}
		} else if (c === '"') {
			if (field.trim() !== '') {
				return {
					ok: false,
					line,
					message: `Line ${line}: a quote (") appears inside a value that does not start with one. Put the whole value in quotes and write each quote in it as two quotes ("").`
				};
			}
			field = '';
			quoted = inQuotes = true;
			quoteLine = line;
		} else {
			field += c;
		}
	}
	if (inQuotes) {
		return {
			ok: false,
			line: quoteLine,
			message: `Line ${quoteLine}: a quote opens a value that is never closed. Check that every quoted value ends with a quote.`
		};
	}
	if (field !== '' || quoted || fields.length > 0) endRecord();
	return { ok: true, records };
}

// ── The header and the rows ─────────────────────────────────────────────────────────────────

export type HeaderCheck =
	{ ok: true; columns: Record<CsvColumn, number | null> } | { ok: false; message: string };

/** Columns are found by name (any order, any letter case); unknown or missing ones are refused. */
export function readHeader(fields: string[]): HeaderCheck {
	const names = fields.map((f) => f.trim().toLowerCase());
	const columns = Object.fromEntries(CSV_COLUMNS.map((c) => [c, null])) as Record<
		CsvColumn,
		number | null
	>;
	const unknown: string[] = [];
	for (const [index, name] of names.entries()) {
		if (name === '') {
			return { ok: false, message: `The header row has no name in column ${index + 1}.` };
		}
		if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
			unknown.push(`"${fields[index].trim()}"`);
		} else if (columns[name as CsvColumn] !== null) {
			return { ok: false, message: `The header row names the column ${name} twice.` };
		} else {
			columns[name as CsvColumn] = index;
		}
	}
	if (unknown.length > 0) {
		return {
			ok: false,
			message: `The header row has unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}. The columns are ${COLUMN_LIST}.`
		};
	}
	const missing = CSV_COLUMNS.filter((c) => columns[c] === null && !OPTIONAL_COLUMNS.includes(c));
	if (missing.length > 0) {
		return {
			ok: false,
			message: `The header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. The columns are ${COLUMN_LIST}.`
		};
	}
	return { ok: true, columns };
}

/** One row ready to go: the delegation to register first (when new) and the participant. */
export interface ImportRow {
	row: number;
	email: string;
	delegation: { delegationId: string; name: string; category: DelegationCategory } | null;
	participant: {
		email: string;
		name: string;
		delegationId: string | null;
		role: ParticipantRole;
		password?: string;
	};
}

/** What happened to one row; `row` is its line in the file. */
export interface ImportRowReport {
	row: number;
	email: string;
	ok: boolean;
	code?: string;
	message?: string;
}

export type CsvCheck =
	{ ok: true; rows: ImportRow[] } | { ok: false; message: string; rows: ImportRowReport[] };

/** The command fields' names in the file's words, so that a schema's complaint names a column. */
const COLUMN_OF_FIELD: Record<string, Record<string, CsvColumn>> = {
	'delegation.register': { delegationId: 'delegation_code', name: 'delegation_name' },
	'participant.register': { delegationId: 'delegation_code' }
};

/**
 * Check a whole file against the delegations the forum knows, without changing anything: its
 * size, its syntax, its header, and every row's values (with the commands' own schemas).
 */
export function checkCsv(text: string, known: Record<string, Delegation>): CsvCheck {
	const malformed = (message: string, rows: ImportRowReport[] = []): CsvCheck => ({
		ok: false,
		message,
		rows
	});
	const bytes = Buffer.byteLength(text, 'utf8');
	if (bytes > CSV_MAX_BYTES) {
		return malformed(
			`The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; at most 2 MB can be imported at once. Split it into several files.`
		);
	}
	const parsed = parseCsv(text);
	if (!parsed.ok) return malformed(parsed.message);
	const [header, ...records] = parsed.records;
	if (!header) {
		return malformed(`The file is empty. Its first line must be the header: ${COLUMN_LIST}.`);
	}
	const heading = readHeader(header.fields);
	if (!heading.ok) return malformed(heading.message);
	if (records.length === 0) return malformed('The file has a header but no participants.');
	if (records.length > CSV_MAX_ROWS) {
		return malformed(
			`The file has ${records.length.toLocaleString('en')} rows; at most ${CSV_MAX_ROWS.toLocaleString('en')} can be imported at once. Split it into several files.`
		);
	}

	const delegations = new Map<string, DelegationCategory>(
		Object.values(known).map((d) => [d.id, d.category])
	);
	const rows: ImportRow[] = [];
	const problems: ImportRowReport[] = [];
	for (const record of records) {
		const value = (column: CsvColumn) => {
			const index = heading.columns[column];
			const raw = index === null ? '' : (record.fields[index] ?? '');
			// passwords are taken as written; spaces around other values are dropped
			return column === 'password' ? raw : raw.trim();
		};
		const email = value('email');
		const problem = (message: string) =>
			problems.push({ row: record.line, email, ok: false, code: 'invalid_row', message });

		if (record.fields.length !== header.fields.length) {
			problem(
				`This row has ${record.fields.length} values; the header has ${header.fields.length} columns.`
			);
			continue;
		}
		const role = value('role').toLowerCase();
		const code = value('delegation_code');
		const missing: CsvColumn[] = (['name', 'email', 'role'] as const).filter(
			(c) => value(c) === ''
		);
		if (code === '' && role !== '' && role !== 'secretariat') missing.unshift('delegation_code');
		if (missing.length > 0) {
			problem(`This row lacks ${missing.join(', ')}.`);
			continue;
		}
		if (!(PARTICIPANT_ROLES as readonly string[]).includes(role)) {
			problem(`The role "${role}" is not one of ${PARTICIPANT_ROLES.join(', ')}.`);
			continue;
		}

		const category = value('category').toLowerCase();
		let delegation: ImportRow['delegation'] = null;
		if (category !== '' && !(DELEGATION_CATEGORIES as readonly string[]).includes(category)) {
			problem(`The category "${category}" is not one of ${DELEGATION_CATEGORIES.join(', ')}.`);
			continue;
		}
		// A secretariat row's code (which the rules will refuse) never creates a delegation.
		if (code !== '' && role !== 'secretariat') {
			const registered = delegations.get(code);
			if (registered && category !== '' && category !== registered) {
				problem(`The delegation ${code} is a ${registered}, not a ${category}. Check the code.`);
				continue;
			}
			if (!registered) {
				const name = value('delegation_name');
				if (name === '' || category === '') {
					problem(
						`The delegation ${code} is not registered yet, so this row needs its delegation_name and category.`
					);
					continue;
				}
				delegation = { delegationId: code, name, category: category as DelegationCategory };
				delegations.set(code, delegation.category);
			}
		}

		const password = value('password');
		const participant: ImportRow['participant'] = {
			email,
			name: value('name'),
			delegationId: code === '' ? null : code,
			role: role as ParticipantRole,
			...(password !== '' ? { password } : {})
		};
		const invalid =
			schemaProblem('delegation.register', delegation) ??
			schemaProblem('participant.register', participant);
		if (invalid) {
			if (delegation) delegations.delete(delegation.delegationId);
			problem(invalid);
			continue;
		}
		rows.push({ row: record.line, email, delegation, participant });
	}
	if (problems.length > 0) {
		return malformed(
			`${problems.length === 1 ? 'One row has a problem' : `${problems.length} rows have problems`}, so nothing was registered. Correct the file and import it again.`,
			problems
		);
	}
	return { ok: true, rows };
}

/** The command's own schema, run on a row's values; the complaint names the file's column. */
function schemaProblem(type: string, payload: object | null): string | null {
	if (!payload) return null;
	const parsed = parseCommand({ id: 'csv-import-check', type, ...payload });
	if (parsed.ok) return null;
	const [field, ...rest] = parsed.message.split(': ');
	const column = COLUMN_OF_FIELD[type]?.[field] ?? field;
	return rest.length > 0 ? `${column}: ${rest.join(': ')}` : parsed.message;
}

// ── Running the import ──────────────────────────────────────────────────────────────────────

export type ImportOutcome =
	| {
			ok: true;
			imported: number;
			refused: number;
			delegationsRegistered: number;
			rows: ImportRowReport[];
	  }
	| {
			ok: false;
			status: 400 | 403 | 404 | 409;
			error: { code: string; message: string };
			rows?: ImportRowReport[];
	  };

/**
 * Whether this account may import into this forum now; undefined when it may. Reads the same
 * table the rules do (who and when `participant.register` may be given).
 */
export async function importRefusal(
	forums: ForumService,
	slug: string,
	accountId: string
): Promise<Extract<ImportOutcome, { ok: false }> | undefined> {
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
	const register = COMMANDS['participant.register'];
	const actor: Actor = { kind: 'participant', participantId: accountId };
	const roles = rolesOf(host.full, actor);
	if (!register.who.some((role) => roles.has(role))) {
		return {
			ok: false,
			status: 403,
			error: { code: NOT_ALLOWED.code, message: NOT_ALLOWED.message }
		};
	}
	if (!register.phases.includes(host.full.phase)) {
		return {
			ok: false,
			status: 409,
			error: {
				code: 'wrong_phase',
				message:
					'The forum is no longer in preparation: delegations and participants can be registered only during the preparatory period.'
			}
		};
	}
	return undefined;
}

export async function importParticipants(
	forums: ForumService,
	slug: string,
	accountId: string,
	csvText: string
): Promise<ImportOutcome> {
	const refusal = await importRefusal(forums, slug, accountId);
	if (refusal) return refusal;
	const host = (await forums.host(slug))!;
	const checked = checkCsv(csvText, host.full.delegations);
	if (!checked.ok) {
		return {
			ok: false,
			status: 400,
			error: { code: 'malformed_csv', message: checked.message },
			rows: checked.rows
		};
	}

	const rows: ImportRowReport[] = [];
	let delegationsRegistered = 0;
	for (const { row, email, delegation, participant } of checked.rows) {
		if (delegation) {
			const outcome = await forums.execute(slug, accountId, {
				id: randomUUID(),
				type: 'delegation.register',
				...delegation
			});
			if (outcome.ok) {
				delegationsRegistered++;
			} else if (outcome.error.code !== 'delegation_exists') {
				rows.push({ row, email, ok: false, ...outcome.error });
				continue;
			}
		}
		const outcome = await forums.execute(slug, accountId, {
			id: randomUUID(),
			type: 'participant.register',
			...participant
		});
		rows.push(outcome.ok ? { row, email, ok: true } : { row, email, ok: false, ...outcome.error });
	}
	const imported = rows.filter((r) => r.ok).length;
	return { ok: true, imported, refused: rows.length - imported, delegationsRegistered, rows };
}
