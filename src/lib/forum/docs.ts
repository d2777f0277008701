/**
 * Renders the parts of docs/ that are data in the code: the commands with their examples, the
 * authorization table and the agenda workflow. docs.spec.ts fails when docs/ is stale;
 * `npm run docs` rewrites it.
 */
import { z } from 'zod';
import { AGENDA_TRANSITIONS } from './agenda.rules';
import {
	CONTEXTUAL,
	isContextual,
	KIND_LABELS,
	kindMayGive,
	PARTICIPANT_KINDS,
	rolesOfKind,
	STAGES,
	type ParticipantKind
} from './authorization';
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

/** The table authority.ts reads: each command's `who` and `phases`, as a TypeScript module. */
export function renderAuthorityModule(): string {
	const rows = Object.values(COMMANDS).map(
		(c) =>
			`\t${JSON.stringify(c.type)}: { who: ${JSON.stringify(c.who)}, phases: ${JSON.stringify(c.phases)} },`
	);
	return [
		"// Generated from each command's `who` and `phases` (rules.ts) by `npm run docs`; do not edit.",
		'// docs.spec.ts fails when it is stale. Read by authority.ts.',
		"import type { Role } from './roles';",
		"import type { ForumPhase } from './types';",
		'',
		'export const AUTHORITY: Record<string, { who: readonly Role[]; phases: readonly ForumPhase[] }> = {',
		...rows,
		'};',
		''
	].join('\n');
}

export function renderAuthorization(): string {
	const header = '| command | who may give it | forum phases |';
	const rows = Object.values(COMMANDS).map(
		(c) => `| \`${c.type}\` | ${c.who.join(', ')} | ${c.phases.join(', ')} |`
	);
	return [header, '| --- | --- | --- |', ...rows].join('\n');
}

/**
 * One cell of the matrix: the phases in which the kind may give the command. `†`: only until a
 * Chair is elected; `*`: the rules may still refuse it with 403 in some cases (listed below).
 */
function matrixCell(kind: ParticipantKind, type: string): string {
	const phases = (['preparation', 'in_session', 'closed'] as const).flatMap((phase) => {
		const stages = STAGES.filter((s) => s.phase === phase && rolesOfKind(kind, s.chairInOffice));
		const allowed = stages.filter((s) => kindMayGive(kind, type, s));
		if (allowed.length === 0) return [];
		if (allowed.length === stages.length) return [phase];
		return [allowed[0].chairInOffice ? `${phase}‡` : `${phase}†`];
	});
	if (phases.length === 0) return '—';
	const contextual = STAGES.some((s) => isContextual(kind, type, s.chairInOffice));
	return `${phases.join(', ')}${contextual ? ' *' : ''}`;
}

function roleList(roles: Set<string> | null): string {
	return roles ? [...roles].map((r) => `\`${r}\``).join(', ') : 'nobody yet';
}

export function renderAuthorizationMatrix(): string {
	const kinds = PARTICIPANT_KINDS.map(
		(k) =>
			`| ${KIND_LABELS[k]} | ${roleList(rolesOfKind(k, false))} | ${roleList(rolesOfKind(k, true))} |`
	);
	const header = `| command | ${PARTICIPANT_KINDS.map((k) => KIND_LABELS[k]).join(' | ')} |`;
	const rule = `| --- |${PARTICIPANT_KINDS.map(() => ' --- |').join('')}`;
	const rows = Object.values(COMMANDS).map(
		(c) => `| \`${c.type}\` | ${PARTICIPANT_KINDS.map((k) => matrixCell(k, c.type)).join(' | ')} |`
	);
	const contextual = Object.entries(CONTEXTUAL).map(
		([type, { reason }]) => `- \`${type}\`: ${reason}.`
	);
	const marks = rows.join('');
	return [
		'The roles each kind of participant holds (computed with `rolesOf`):',
		'',
		'| kind | before a Chair is elected | once the Chair is in office |',
		'| --- | --- | --- |',
		...kinds,
		'',
		'In each cell, the phases in which that kind may give the command; `—`: never (`403 not_allowed`).',
		...(marks.includes('†')
			? ['`†`: only until a Chair is elected (the opening officer presides until then).']
			: []),
		...(marks.includes('‡') ? ['`‡`: only once a Chair is in office.'] : []),
		'`*`: allowed by role, but the rules refuse some cases with `403 not_allowed`:',
		'',
		...contextual,
		'',
		header,
		rule,
		...rows
	].join('\n');
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
