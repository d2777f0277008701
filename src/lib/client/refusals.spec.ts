import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { refusalText, TRANSLATED_REFUSALS } from './refusals';

const NOT_ALLOWED = {
	code: 'not_allowed',
	message:
		'You may not give this command in your role. Ask the presiding officer or the secretariat.'
};

describe('refusalText', () => {
	it('is the server’s sentence in English', () => {
		expect(refusalText(NOT_ALLOWED, 'en')).toBe(NOT_ALLOWED.message);
	});

	it('is translated for a well-known code', () => {
		expect(refusalText(NOT_ALLOWED, 'fr')).toBe(
			'Votre rôle ne vous permet pas de donner cette commande. Adressez-vous au président de séance ou au secrétariat.'
		);
		expect(refusalText({ code: 'list_closed', message: 'x' }, 'ar')).toContain('قائمة المتكلمين');
	});

	it('is the server’s sentence for any other code', () => {
		const other = { code: 'no_such_section', message: 'The report has no section 9.' };
		expect(refusalText(other, 'zh')).toBe(other.message);
	});

	it('translates only codes the rules (or the client) really give', () => {
		const dir = 'src/lib/forum';
		const sources = readdirSync(dir)
			.filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
			.map((f) => readFileSync(`${dir}/${f}`, 'utf8'))
			.join('\n');
		const given = new Set(
			[...sources.matchAll(/refuse\(\s*'([a-z_]+)'/g)].map((match) => match[1])
		);
		const client = readFileSync('src/lib/client/live-forum.svelte.ts', 'utf8');
		for (const code of ['offline', 'timeout']) expect(client).toContain(`code: '${code}'`);
		const unknown = Object.keys(TRANSLATED_REFUSALS).filter(
			(code) => !given.has(code) && code !== 'offline' && code !== 'timeout'
		);
		expect(unknown).toEqual([]);
	});
});
