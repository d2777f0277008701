/**
 * Lists of people follow the roster. The secretariat's list of presence shows the first matches of
 * its search, present or not as they are now, with whoever was registered while it was open. The
 * lists a page chooses people from (nominees for Chair, officers, rights of reply) are the roster
 * less the secretariat and stay right through check-ins. Both are worked out again only when
 * someone is registered, not at every check-in (`LiveForum.everyone` and `speakers`, BENCHMARKS.md
 * notes 55 and 56): the first test fails if a registration does not make them again.
 */
import { expect, test } from '@playwright/test';
import { api, login } from '../support/server';
import { PRESENCE_LIST_SHOWN } from '../../src/lib/client/presence';
import { must, serverForThisFile, signedIn } from './support';

const server = serverForThisFile();

type Client = ReturnType<typeof api>;

/** The forum's participants as the server has them now. */
async function rosterOf(client: Client): Promise<{ name: string; role: string }[]> {
	const { body } = await client.get('/api/forums/wtpf-26/state');
	const { participants } = (body as { state: { participants: object } }).state;
	return Object.values(participants);
}

test('the secretariat’s list of presence shows the first matches of its search, as they are now', async ({
	browser
}) => {
	const url = server.current.url;
	const desk = await signedIn(browser, url, 'secretariat@itu.demo');
	const people = desk.getByTestId('presence-people').locator('li');
	const notShown = desk.getByTestId('presence-not-shown');
	const secretariat = api(url, await login(url, 'secretariat@itu.demo'));
	const total = (await rosterOf(secretariat)).length;
	// registered while the list is open: more than it shows
	await must(secretariat, 'delegation.register', {
		delegationId: 'TSX',
		name: 'Testlandia',
		category: 'member_state'
	});
	const added = Math.max(1, PRESENCE_LIST_SHOWN - total + 3);
	for (let i = 1; i <= added; i++) {
		await must(secretariat, 'participant.register', {
			email: `tsx.${i}@example.org`,
			name: `Testlandia Delegate ${i}`,
			delegationId: 'TSX',
			role: 'delegate'
		});
	}
	await expect(people).toHaveCount(PRESENCE_LIST_SHOWN);
	await expect(notShown).toHaveText(
		`${total + added - PRESENCE_LIST_SHOWN} more not shown: type a name or a delegation to find them.`
	);

	// a search finds the others; a check-in shows in the list at once
	await desk.getByLabel('Find a participant').fill('Testlandia');
	await expect(people).toHaveCount(Math.min(added, PRESENCE_LIST_SHOWN));
	await expect(notShown).toHaveCount(added > PRESENCE_LIST_SHOWN ? 1 : 0);
	await desk.getByRole('button', { name: 'Check in Testlandia Delegate 1', exact: true }).click();
	await expect(
		desk.getByRole('button', { name: 'Check out Testlandia Delegate 1', exact: true })
	).toBeVisible();
	await desk.getByLabel('Find a participant').fill('');
	await expect(people).toHaveCount(PRESENCE_LIST_SHOWN);
	await expect(notShown).toBeVisible();
	await desk.context().close();
});

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
	const roster = await rosterOf(secretariat);
	const staff = roster.filter((p) => p.role === 'secretariat');
	expect(staff.length).toBeGreaterThan(0);
	for (const p of staff) {
		await expect(nominee.locator('option', { hasText: p.name })).toHaveCount(0);
	}
	// everyone else is: the options are the roster less the secretariat, plus the placeholder
	const others = roster.length - staff.length;
	await expect(nominee.locator('option')).toHaveCount(others + 1);
	expect(reloads).toBe(0);
});
