/**
 * What a page imports from the rules must not bring zod, nor the commands, into its JavaScript:
 * the delegate's page follows the forum with the evolvers, the helpers and `mayGive`; only the
 * server validates and decides commands (rules.ts, FAMILIES). Bundled here as Vite bundles the
 * page, from everything the rules' files export except their commands.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';

const FORUM_DIR = resolve('src/lib/forum');

/** `export { … } from` every rules file and protocol.ts, leaving out commands and schemas. */
async function pageEntry(): Promise<string> {
	const files = readdirSync(FORUM_DIR)
		.filter((f) => f.endsWith('.rules.ts') || ['evolve.ts', 'authority.ts'].includes(f))
		.map((f) => join(FORUM_DIR, f));
	files.push(resolve('src/lib/protocol.ts'));
	const lines: string[] = [];
	for (const file of files) {
		const names = Object.keys(await import(/* @vite-ignore */ file)).filter(
			(name) => !/Commands$|Request$|^forumSlug$/.test(name)
		);
		lines.push(`export { ${names.join(', ')} } from ${JSON.stringify(file)};`);
	}
	return lines.join('\n');
}

describe('what a page imports from the rules', () => {
	it('bundles without zod and without the commands', async () => {
		const entry = await pageEntry();
		const dir = mkdtempSync(join(tmpdir(), 'plenary-page-entry-'));
		writeFileSync(join(dir, 'entry.ts'), entry);
		let output: Rolldown.RolldownOutput[];
		try {
			output = (await build({
				configFile: false,
				logLevel: 'silent',
				resolve: { alias: { $lib: resolve('src/lib') } },
				build: {
					write: false,
					minify: false,
					lib: { entry: join(dir, 'entry.ts'), formats: ['es'] }
				}
			})) as Rolldown.RolldownOutput[];
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
		const code = output[0].output[0].code;
		expect(entry).toMatch(/export \{[^}]*\bapply\b/);
		expect(code).toContain('floor.requested');
		expect(code).not.toMatch(/node_modules\/zod|_zod|ZodType/);
		expect(code).not.toContain('A command id is');
	}, 60_000);
});
