import { describe, expect, it } from 'vitest';
import { runChecks, type ReadinessCheck } from './health';

describe('readiness', () => {
	it('is ok when every check answers, with their details', async () => {
		const checks = new Map<string, ReadinessCheck>([
			['state', async () => ({ forums: 2 })],
			['database', async () => undefined]
		]);
		const ready = await runChecks(checks);
		expect(ready.status).toBe('ok');
		expect(ready.failed).toBeUndefined();
		expect(ready.checks.state).toMatchObject({ ok: true, forums: 2 });
		expect(ready.checks.database.ok).toBe(true);
	});

	it('names the checks that failed, and why', async () => {
		const checks = new Map<string, ReadinessCheck>([
			['database', async () => undefined],
			[
				'adapter',
				async () => {
					throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
				}
			]
		]);
		const ready = await runChecks(checks);
		expect(ready.status).toBe('unavailable');
		expect(ready.failed).toEqual(['adapter']);
		expect(ready.checks.adapter).toMatchObject({
			ok: false,
			error: 'connect ECONNREFUSED 127.0.0.1:6379'
		});
	});

	it('fails a check that does not answer in time', async () => {
		const checks = new Map<string, ReadinessCheck>([['database', () => new Promise(() => {})]]);
		const ready = await runChecks(checks, 50);
		expect(ready.failed).toEqual(['database']);
		expect(ready.checks.database.error).toBe('no answer within 50 ms');
	});
});
