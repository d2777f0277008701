import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import {
	fillGenerated,
	renderAgendaWorkflow,
	renderAuthorityModule,
	renderAuthorization,
	renderAuthorizationMatrix,
	renderCommands,
	renderEventTypes,
	renderOpinionWorkflow
} from './docs';

/** Each generated document, its sections and their renderers. `npm run docs` rewrites them. */
const GENERATED: Record<string, Record<string, () => string>> = {
	'docs/api.md': { commands: renderCommands, events: renderEventTypes },
	'docs/authorization.md': { table: renderAuthorization, matrix: renderAuthorizationMatrix },
	'docs/workflows.md': { agenda: renderAgendaWorkflow, opinions: renderOpinionWorkflow }
};

describe('generated docs', () => {
	for (const [file, sections] of Object.entries(GENERATED)) {
		it(`${file} is up to date (run \`npm run docs\` after changing commands)`, () => {
			const current = readFileSync(file, 'utf8');
			let expected = current;
			for (const [name, render] of Object.entries(sections)) {
				expected = fillGenerated(expected, name, render());
			}
			if (process.env.UPDATE_DOCS === '1') writeFileSync(file, expected);
			else expect(current).toBe(expected);
		});
	}
});

/** Generated modules: the whole file, formatted as `npm run lint` wants it. */
const GENERATED_MODULES: Record<string, () => string> = {
	'src/lib/forum/authority.generated.ts': renderAuthorityModule
};

describe('generated modules', () => {
	for (const [file, render] of Object.entries(GENERATED_MODULES)) {
		it(`${file} is up to date (run \`npm run docs\` after changing commands)`, async () => {
			const options = { ...(await resolveConfig(file)), filepath: file };
			const expected = await format(render(), options);
			if (process.env.UPDATE_DOCS === '1') writeFileSync(file, expected);
			else expect(readFileSync(file, 'utf8')).toBe(expected);
		});
	}
});
