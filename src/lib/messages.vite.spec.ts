import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pluralRulesOnce } from './messages.vite';

// Paraglide's registry as `paraglide-js compile` wrote it (npm run check, and the build)
const registry = readFileSync(new URL('./paraglide/registry.js', import.meta.url), 'utf8');

/** The transformed registry as a module of its own. */
async function load(code: string) {
	const url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
	return (await import(/* @vite-ignore */ url)) as {
		plural: (locale: string, input: unknown, options?: Intl.PluralRulesOptions) => string;
	};
}

describe('pluralRulesOnce', () => {
	it('gives what a new Intl.PluralRules gives, in each language and with options', async () => {
		const { plural } = await load(pluralRulesOnce(registry));
		for (const locale of ['en', 'fr', 'es', 'ar', 'zh', 'ru']) {
			for (const n of [0, 1, 2, 3, 5, 11, 21, 101, 1.5]) {
				expect(plural(locale, n), `${locale} ${n}`).toBe(new Intl.PluralRules(locale).select(n));
				expect(plural(locale, String(n), { type: 'ordinal' })).toBe(
					new Intl.PluralRules(locale, { type: 'ordinal' }).select(n)
				);
			}
		}
	});

	it('makes one Intl.PluralRules per language and options, however often it is called', async () => {
		const { plural } = await load(pluralRulesOnce(registry));
		let made = 0;
		const Original = Intl.PluralRules;
		const intl = Intl as { PluralRules: typeof Original };
		intl.PluralRules = class extends Original {
			constructor(...args: ConstructorParameters<typeof Original>) {
				super(...args);
				made++;
			}
		} as typeof Original;
		try {
			for (let i = 0; i < 50; i++) {
				plural('de', i);
				plural('de', i, { type: 'ordinal' });
				plural('pl', i);
			}
		} finally {
			intl.PluralRules = Original;
		}
		expect(made).toBe(3);
		expect(plural('pl', 2)).toBe('few');
	});

	it('fails the build when Paraglide writes plural() some other way', () => {
		expect(() => pluralRulesOnce('export function plural() { return "other" }')).toThrow(
			/plural\(\) has changed/
		);
	});
});
