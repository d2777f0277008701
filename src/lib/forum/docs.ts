/**
 * Renders the parts of docs/ that are data in the code: the commands with their examples, the
 * authorization table and the agenda workflow. docs.spec.ts fails when docs/ is stale;
 * `npm run docs` rewrites it.
 */
import { z } from 'zod';
import { AGENDA_TRANSITIONS } from './agenda.rules';
import { OPINION_TRANSITIONS } from './opinion.rules';
import { COMMANDS, COMMAND_SCHEMAS, EVENT_TYPES } from './rules';
import { ROLE_LABELS } from './roles';

/** Replace the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */
export function fillGenerated(document: string, name: string, content: string): string {
	const start = `<!-- generated:${name} -->`;
	const end = `<!-- /generated:${name} -->`;
	const from = document.indexOf(start);
	const to = document.indexOf(end);
	if (from < 0 || to < from) throw new Error(`docs: markers for ${name} are missing`);
	return `${document.slice(0, from + start.length)}\n${content.trim()}\n${document.slice(to)}`;
}

function fieldsOf(type: string): string {
	const schema = z.toJSONSchema(COMMAND_SCHEMAS[type], { unrepresentable: 'any' }) as {
		properties?: Record<string, unknown>;
		required?: string[];
	};
	const rows = Object.entries(schema.properties ?? {})
		.filter(([name]) => name !== 'id' && name !== 'type')
		.map(([name, property]) => {
			const required = schema.required?.includes(name) ? 'required' : 'optional';
			return `| \`${name}\` | ${required} | \`${JSON.stringify(property).replaceAll('|', '\\|')}\` |`;
		});
	if (rows.length === 0) return 'No fields besides `id` and `type`.';
	return ['| field | | JSON Schema |', '| --- | --- | --- |', ...rows].join('\n');
}

export function renderCommands(): string {
	return Object.values(COMMANDS)
		.map((c) => {
			const example = JSON.stringify({ id: 'c-7f3a9e12', type: c.type, ...c.example });
			return [
				`### \`${c.type}\``,
				'',
				c.summary,
				'',
				`- **Who:** ${c.who.map((r) => ROLE_LABELS[r]).join('; ')}`,
				`- **When:** forum ${c.phases.map((p) => `\`${p}\``).join(', ')}`,
				'',
				fieldsOf(c.type),
				'',
				'```json',
				example,
				'```'
			].join('\n');
		})
		.join('\n\n');
}

export function renderEventTypes(): string {
	return EVENT_TYPES.map((t) => `- \`${t}\``).join('\n');
}

export function renderAuthorization(): string {
	const header = '| command | who may give it | forum phases |';
	const rows = Object.values(COMMANDS).map(
		(c) => `| \`${c.type}\` | ${c.who.join(', ')} | ${c.phases.join(', ')} |`
	);
	return [header, '| --- | --- | --- |', ...rows].join('\n');
}

export function renderAgendaWorkflow(): string {
	const rows = Object.entries(AGENDA_TRANSITIONS).map(
		([command, { from, to }]) => `| \`${command}\` | ${from.join(', ')} | ${to} |`
	);
	return ['| command | from | to |', '| --- | --- | --- |', ...rows].join('\n');
}

export function renderOpinionWorkflow(): string {
	const rows = Object.entries(OPINION_TRANSITIONS).map(
		([command, { from, to }]) => `| \`${command}\` | ${from.join(', ')} | ${to.join(', ')} |`
	);
	return ['| command | from | to |', '| --- | --- | --- |', ...rows].join('\n');
}
