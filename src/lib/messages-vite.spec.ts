import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { intlFormattersOnce } from './messages.vite';

const outdir = fileURLToPath(new URL('./paraglide', import.meta.url));
const registryPath = `${outdir}/registry.js`;
const REGISTRY = readFileSync(registryPath, 'utf8');

type Transform = (this: { error(message: string): never }, code: string, id: string) => unknown;
const context = {
	error(message: string): never {
		throw new Error(message);
	}
};

/** The plugin's output for `code` at `id`, as a module (null: left alone). */
async function transformed(code: string, id = registryPath) {
	const transform = intlFormattersOnce({ outdir }).transform as Transform;
	const out = transform.call(context, code, id) as string | null;
	if (out === null) return null;
	return { code: out, module: await import(`data:text/javascript,${encodeURIComponent(out)}`) };
}

const RealPluralRules = Intl.PluralRules;
afterEach(() => {
	Reflect.set(Intl, 'PluralRules', RealPluralRules);
});

describe('intlFormattersOnce', () => {
	it('builds one plural formatter per language and options, and answers as a new one would', async () => {
		const built: string[] = [];
		// the registry looks `Intl.PluralRules` up when it builds one: this one counts
		Reflect.set(
			Intl,
			'PluralRules',
			class extends RealPluralRules {
				constructor(locale?: string | string[], options?: Intl.PluralRulesOptions) {
					super(locale, options);
					built.push(`${locale} ${options?.type ?? 'cardinal'}`);
				}
			}
		);
		const { module } = (await transformed(REGISTRY))!;
		const cases: [string, number, Intl.PluralRulesOptions][] = [
			['en', 1, {}],
			['en', 2, {}],
			['en', 1, {}],
			['ar', 0, {}],
			['ar', 3, {}],
			['ru', 21, {}],
			['ru', 5, {}],
			['en', 2, { type: 'ordinal' }],
			['en', 3, { type: 'ordinal' }]
		];
		for (const [locale, n, options] of cases) {
			expect(module.plural(locale, n, options), `${locale} ${n}`).toBe(
				new RealPluralRules(locale, options).select(n)
			);
		}
		expect(built).toEqual(['en cardinal', 'ar cardinal', 'ru cardinal', 'en ordinal']);
	});

	it('keeps numbers, dates and relative times as Paraglide formats them', async () => {
		const { module } = (await transformed(REGISTRY))!;
		expect(module.number('fr', 1234.5, {})).toBe(new Intl.NumberFormat('fr').format(1234.5));
		const date = '2026-11-30T09:00:00Z';
		const options = { dateStyle: 'long', timeZone: 'UTC' } as const;
		expect(module.datetime('es', date, options)).toBe(
			new Intl.DateTimeFormat('es', options).format(new Date(date))
		);
		expect(module.relativetime('en', -2, { unit: 'day' })).toBe('2 days ago');
		expect(module.relativetime('en', 3, { unit: 'hour' })).toBe('in 3 hours');
	});

	it('leaves other modules alone, and says so when the registry no longer matches', async () => {
		expect(await transformed(REGISTRY, `${outdir}/runtime.js`)).toBeNull();
		await expect(transformed('export const plural = () => "other";')).rejects.toThrow(
			/builds no Intl formatter/
		);
		await expect(
			transformed(`${REGISTRY}\nexport const x = new Intl.Collator(undefined, {});`)
		).rejects.toThrow(/still built per call/);
	});
});
