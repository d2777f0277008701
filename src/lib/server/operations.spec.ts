import { describe, expect, it } from 'vitest';
import { REDACT_PATHS } from './log';
import { commandLine } from './operations';

/** The first segment of each redacted path: a field of that name at the top of a line. */
const REDACTED_NAMES = new Set(
	REDACT_PATHS.map((path) => path.split(/[.[]/)[0]).filter((name) => name !== '*')
);

const observation = {
	forum: 'wtpf-26',
	accountId: 'acc-fra-head',
	input: { id: 'c-1', type: 'opinion.stance', token: 'never-logged', opinion: 2 },
	ms: 1.234
};

describe('commandLine', () => {
	const lines = {
		ok: commandLine({ ...observation, outcome: { ok: true, seq: 42, events: [] } }),
		refused: commandLine({
			...observation,
			outcome: { ok: false, status: 403, error: { code: 'forbidden', message: 'No.' } }
		}),
		exception: commandLine({ ...observation, outcome: undefined })
	};

	it('names its fields, none of them a credential, so it is written without redaction', () => {
		for (const { fields } of Object.values(lines)) {
			for (const name of Object.keys(fields)) expect(REDACTED_NAMES.has(name)).toBe(false);
			// nothing of the command is copied but its type and id
			expect(JSON.stringify(fields)).not.toContain('never-logged');
		}
	});

	it('says how each command ended, at the level an operator expects', () => {
		expect(lines.ok).toEqual({
			level: 'info',
			msg: 'command',
			fields: {
				forum: 'wtpf-26',
				commandType: 'opinion.stance',
				commandId: 'c-1',
				participant: 'acc-fra-head',
				ms: 1.23,
				outcome: 'ok',
				status: 200,
				seq: 42,
				events: 0
			}
		});
		expect(lines.refused).toMatchObject({
			level: 'info',
			fields: { outcome: 'forbidden', status: 403 }
		});
		expect(lines.exception).toMatchObject({
			level: 'error',
			msg: 'command failed',
			fields: { outcome: 'exception', status: 500 }
		});
	});
});
