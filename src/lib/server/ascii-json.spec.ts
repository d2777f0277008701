import { describe, expect, it } from 'vitest';
import { asciiJson } from './ascii-json';

describe('asciiJson', () => {
	const value = {
		title: { ar: 'المنتدى العالمي', zh: '世界电信', ru: 'Форум', fr: 'Genève — Forum' },
		name: 'José Núñez 😀',
		plain: 'ASCII only, "quoted" \\ and\nnew line',
		n: 5
	};

	it('writes every character outside ASCII as an escape', () => {
		const text = asciiJson(JSON.stringify(value));
		expect([...text].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
		expect(text).toContain('\\u0627'); // ا
		expect(text).toContain('\\ud83d\\ude00'); // 😀, as a surrogate pair
		expect(text).toContain('\\u2014'); // —
	});

	it('keeps the same values', () => {
		expect(JSON.parse(asciiJson(JSON.stringify(value)))).toEqual(value);
	});

	it('leaves ASCII-only JSON as it is', () => {
		const text = JSON.stringify({ plain: value.plain, n: value.n });
		expect(asciiJson(text)).toBe(text);
	});
});
