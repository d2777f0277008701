import { describe, expect, it } from 'vitest';
import type { Delegation } from '$lib/forum/types';
import { checkCsv, CSV_MAX_BYTES, CSV_MAX_ROWS, parseCsv, readHeader } from './participants.import';

function fieldsOf(text: string): string[][] {
	const parsed = parseCsv(text);
	if (!parsed.ok) throw new Error(parsed.message);
	return parsed.records.map((r) => r.fields);
}

describe('parseCsv (RFC 4180)', () => {
	it('splits plain fields and records', () => {
		expect(fieldsOf('a,b,c\n1,2,3\n')).toEqual([
			['a', 'b', 'c'],
			['1', '2', '3']
		]);
	});

	it('accepts CRLF, LF and a last line without a line break', () => {
		expect(fieldsOf('a,b\r\n1,2\r\n3,4')).toEqual([
			['a', 'b'],
			['1', '2'],
			['3', '4']
		]);
	});

	it('keeps empty fields, including a trailing one', () => {
		expect(fieldsOf('a,,c,\n')).toEqual([['a', '', 'c', '']]);
	});

	it('reads commas, doubled quotes and line breaks inside quotes', () => {
		expect(fieldsOf('"Korea (Republic of), the","say ""hi""","two\r\nlines",x\n')).toEqual([
			['Korea (Republic of), the', 'say "hi"', 'two\r\nlines', 'x']
		]);
	});

	it('numbers each record by the line it starts on', () => {
		const parsed = parseCsv('h1,h2\n"multi\nline",1\n\nnext,2\n');
		expect(parsed.ok && parsed.records.map((r) => r.line)).toEqual([1, 2, 5]);
	});

	it('drops a UTF-8 BOM', () => {
		expect(fieldsOf('\uFEFFdelegation_code,name\nFRA,Élise\n')).toEqual([
			['delegation_code', 'name'],
			['FRA', 'Élise']
		]);
	});

	it('skips blank lines and rows of empty values', () => {
		expect(fieldsOf('a,b\n\n\r\n,\n  ,  \n1,2\n\n')).toEqual([
			['a', 'b'],
			['1', '2']
		]);
	});

	it('keeps a quoted empty value and allows spaces around quotes', () => {
		expect(fieldsOf('"",x\n  "a" ,b\n')).toEqual([
			['', 'x'],
			['a', 'b']
		]);
	});

	it('refuses a quote that is never closed, naming the line it opens on', () => {
		const parsed = parseCsv('a,b\n1,"open\n2,3\n');
		expect(parsed).toMatchObject({ ok: false, line: 2 });
		expect(!parsed.ok && parsed.message).toMatch(/never closed/);
	});

	it('refuses text after a closing quote and a stray quote inside a value', () => {
		expect(parseCsv('a,"b"c\n')).toMatchObject({ ok: false, line: 1 });
		expect(parseCsv('a,b\nO"Brien,x\n')).toMatchObject({ ok: false, line: 2 });
	});
});

describe('readHeader', () => {
	const all = 'delegation_code,delegation_name,category,name,email,role,password'.split(',');

	it('finds the columns by name, in any order and letter case, password optional', () => {
		const header = readHeader([
			' Email',
			'ROLE',
			'name',
			'category',
			'delegation_name',
			'delegation_code'
		]);
		expect(header).toEqual({
			ok: true,
			columns: {
				email: 0,
				role: 1,
				name: 2,
				category: 3,
				delegation_name: 4,
				delegation_code: 5,
				password: null
			}
		});
		expect(readHeader(all).ok).toBe(true);
	});

	it('names the missing required columns', () => {
		const header = readHeader(['delegation_code', 'delegation_name', 'category', 'role']);
		expect(header.ok).toBe(false);
		expect(!header.ok && header.message).toMatch(/lacks the columns name, email\./);
	});

	it('refuses unknown columns, naming them', () => {
		const header = readHeader([...all, 'phone', 'Title']);
		expect(!header.ok && header.message).toMatch(/unknown columns "phone", "Title"/);
	});

	it('refuses a column named twice or without a name', () => {
		expect(readHeader([...all, 'email'])).toMatchObject({ ok: false });
		expect(readHeader([...all, ''])).toMatchObject({ ok: false });
	});
});

describe('checkCsv', () => {
	const HEADER = 'delegation_code,delegation_name,category,name,email,role,password\n';
	const known: Record<string, Delegation> = {
		FRA: { id: 'FRA', name: 'France', category: 'member_state' }
	};

	it('plans a new delegation once, then its participants, and a secretariat member', () => {
		const checked = checkCsv(
			HEADER +
				'ISL,Iceland,member_state,Anna Jónsdóttir,anna@isl.example,head,\n' +
				'ISL,,,Björn Sigurðsson,bjorn@isl.example,delegate,a long passphrase\n' +
				'FRA,,,Claire Martin,claire@fra.example,alternate,\n' +
				',,,Dana Secretariat,dana@itu.example,secretariat,\n',
			known
		);
		expect(checked.ok).toBe(true);
		if (!checked.ok) return;
		expect(checked.rows.map((r) => [r.row, r.delegation?.delegationId ?? null])).toEqual([
			[2, 'ISL'],
			[3, null],
			[4, null],
			[5, null]
		]);
		expect(checked.rows[1].participant).toEqual({
			email: 'bjorn@isl.example',
			name: 'Björn Sigurðsson',
			delegationId: 'ISL',
			role: 'delegate',
			password: 'a long passphrase'
		});
		expect(checked.rows[3].participant.delegationId).toBeNull();
	});

	it('refuses a malformed file as a whole', () => {
		expect(checkCsv('', known)).toMatchObject({ ok: false, rows: [] });
		expect(checkCsv(HEADER, known)).toMatchObject({ ok: false });
		expect(checkCsv('name,email\nA,a@b.example\n', known)).toMatchObject({ ok: false });
		expect(checkCsv(HEADER + 'FRA,,,"A,a@b.example,head\n', known)).toMatchObject({ ok: false });
	});

	it('reports every row with missing or invalid values, by line, and plans nothing', () => {
		const checked = checkCsv(
			HEADER +
				'FRA,,,,claire@fra.example,head,\n' + // no name
				',,,Nobody,nobody@x.example,delegate,\n' + // no delegation for a delegate
				'NEW,,,Someone,someone@x.example,head,\n' + // unknown delegation without its name
				'FRA,,,Claire,not-an-email,head,\n' +
				'FRA,,,Claire,claire@fra.example,chair,\n' +
				'FRA,,sector_member,Claire,claire@fra.example,head,\n' +
				'FRA,,,Claire,claire@fra.example,head,short\n' +
				'FRA,,,Claire\n' +
				'FRA,,,Fine,fine@fra.example,delegate,\n',
			known
		);
		expect(checked.ok).toBe(false);
		if (checked.ok) return;
		expect(checked.message).toMatch(/8 rows have problems, so nothing was registered/);
		expect(checked.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
		expect(checked.rows[0].message).toMatch(/This row lacks name/);
		expect(checked.rows[1].message).toMatch(/lacks delegation_code/);
		expect(checked.rows[2].message).toMatch(/needs its delegation_name and category/);
		expect(checked.rows[3].message).toMatch(/^email: /);
		expect(checked.rows[4].message).toMatch(/role "chair"/);
		expect(checked.rows[5].message).toMatch(/is a member_state, not a sector_member/);
		expect(checked.rows[6].message).toMatch(/^password: /);
		expect(checked.rows[7].message).toMatch(/This row has 4 values; the header has 7 columns/);
	});

	it('refuses files over the size and row limits with a clear message', () => {
		const big = checkCsv(HEADER + 'x'.repeat(CSV_MAX_BYTES), known);
		expect(!big.ok && big.message).toMatch(/at most 2 MB/);
		const row = 'FRA,,,A,a@b.example,delegate,\n';
		const many = checkCsv(HEADER + row.repeat(CSV_MAX_ROWS + 1), known);
		expect(!many.ok && many.message).toMatch(/5,001 rows; at most 5,000/);
	});
});
