/**
 * The lists a page chooses people from (nominees for Chair, officers, rights of reply) are the
 * roster less the secretariat, with whoever was registered while the page was open, and stay
 * right through check-ins, which the page no longer works them out again for (`LiveForum.speakers`,
 * BENCHMARKS.md note 55). Registrations happen in preparation, when no page shows these lists yet,
 * so the list is first worked out here after them; `speakers` also follows a registration made
 * while it is shown.
 */
import { expect, test } from '@playwright/test';
import { api, login } from '../support/server';
import { must, serverForThisFile, signedIn } from './support';

const server = serverForThisFile();

test('someone registered while a delegate’s page is open can be nominated there; the secretariat cannot; check-ins change nothing', async ({
	browser
}) => {
	const url = server.current.url;
	const delegate = await signedIn(browser, url, 'bra.head@wtpf.demo');
	let reloads = 0;
	delegate.on('framenavigated', () => reloads++);

	const secretariat = api(url, await login(url, 'secretariat@itu.demo'));
	await must(secretariat, 'delegation.register', {
		delegationId: 'TST',
		name: 'Testland',
		category: 'member_state'
	});
	await must(secretariat, 'participant.register', {
		email: 'tst.head@example.org',
		name: 'Tess Testland',
		delegationId: 'TST',
		role: 'head'
	});

	// The forum opens, item 1 is closed and item 2, the election of the Chair, opens.
	const sg = api(url, await login(url, 'sg@itu.demo'));
	await must(sg, 'forum.open');
	await must(sg, 'agenda.open', { item: 1 });
	await must(sg, 'agenda.close', { item: 1 });
	await must(sg, 'agenda.open', { item: 2 });
	// Check-ins meanwhile: the list is still right after them.
	await must(secretariat, 'presence.check_in', { participantId: 'p-fra-head' });
	await must(api(url, await login(url, 'deu.head@wtpf.demo')), 'presence.check_in');

	const nominee = delegate.getByLabel('Nominate for Chair');
	await expect(nominee.locator('option', { hasText: 'Tess Testland' })).toHaveCount(1);
	await expect(nominee.locator('option', { hasText: 'Claire Dubois' })).toHaveCount(1);
	// the secretariat is not among those who can be nominated
	const secretariatNames = (
		(await secretariat.get('/api/forums/wtpf-26/state')).body as {
			state: { participants: Record<string, { name: string; role: string }> };
		}
	).state.participants;
	const staff = Object.values(secretariatNames).filter((p) => p.role === 'secretariat');
	expect(staff.length).toBeGreaterThan(0);
	for (const p of staff) {
		await expect(nominee.locator('option', { hasText: p.name })).toHaveCount(0);
	}
	// everyone else is: the options are the roster less the secretariat, plus the placeholder
	const others = Object.values(secretariatNames).length - staff.length;
	await expect(nominee.locator('option')).toHaveCount(others + 1);
	expect(reloads).toBe(0);
});
