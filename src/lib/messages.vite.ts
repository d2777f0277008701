/**
 * Browser build only: the pages carry the English messages and load the reader's language alone
 * (src/lib/client/messages.ts). Paraglide writes one module per message holding all six
 * languages, so every page shipped every language of each message it uses. Here each message
 * module keeps its English function and reads the others from the loaded language module
 * (English while that is not there), and each other language is one module built from the
 * messages' own functions, `virtual:plenary-messages/<locale>`. The server's build is left as
 * Paraglide wrote it. No imports from $lib: Vite loads this file before its aliases exist.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

const PREFIX = 'virtual:plenary-messages/';
const RESOLVED = '\0plenary-messages:';

/** `const fr_floor_time_up = … };` — Paraglide's function for one message in one language */
const localeFunction = (locale: string) =>
	new RegExp(`^const ${locale}_(\\w+) = [\\s\\S]*?^\\};$`, 'gm');

export function messagesByLocale({
	outdir,
	locales,
	baseLocale = 'en'
}: {
	outdir: string;
	locales: readonly string[];
	baseLocale?: string;
}): Plugin {
	const messagesDir = join(outdir, 'messages');
	const others = locales.filter((locale) => locale !== baseLocale);
	const isMessage = (id: string) =>
		id.startsWith(messagesDir) && id.endsWith('.js') && !id.endsWith('_index.js');
	return {
		name: 'plenary-messages-by-locale',
		enforce: 'pre',
		applyToEnvironment: (environment) => environment.config.consumer === 'client',
		resolveId(id) {
			if (id.startsWith(PREFIX)) return RESOLVED + id.slice(PREFIX.length);
		},
		load(id) {
			if (!id.startsWith(RESOLVED)) return null;
			const locale = id.slice(RESOLVED.length);
			if (!others.includes(locale)) this.error(`messages.vite.ts: no language ${locale}`);
			const functions: string[] = [];
			const names: string[] = [];
			for (const file of readdirSync(messagesDir).sort()) {
				if (!isMessage(join(messagesDir, file))) continue;
				const code = readFileSync(join(messagesDir, file), 'utf8');
				for (const [block, name] of code.matchAll(localeFunction(locale))) {
					functions.push(block);
					names.push(`${locale}_${name} as ${name}`);
				}
			}
			if (names.length === 0) this.error('messages.vite.ts: Paraglide wrote no message modules');
			const registry = JSON.stringify(join(outdir, 'registry.js'));
			return `import * as registry from ${registry};\n${functions.join('\n')}\nexport { ${names.join(', ')} };\n`;
		},
		transform(code, id) {
			if (!isMessage(id)) return null;
			let out = code;
			for (const locale of others) {
				out = out
					.replace(localeFunction(locale), '')
					.replace(new RegExp(`^\\s*if \\(locale === "${locale}"\\) return .*$\\n`, 'gm'), '');
				if (new RegExp(`\\b${locale}_\\w+\\(`).test(out)) {
					this.error(`messages.vite.ts: ${id} still calls a ${locale} function`);
				}
			}
			// the last branch, English: now the loaded language's function if there is one
			out = out.replace(
				new RegExp(`return ${baseLocale}_(\\w+)\\(inputs\\)`, 'g'),
				`return (__loaded[locale]?.$1 ?? ${baseLocale}_$1)(inputs)`
			);
			const loader = JSON.stringify(join(outdir, '../client/messages.ts'));
			return `import { loaded as __loaded } from ${loader};\n${out}`;
		}
	};
}
