/**
 * Actions while offline: a request for the floor made on a tablet with no network waits in the
 * outbox, shown as pending, and is delivered exactly once when the network is back, with the
 * command id it was given when the delegate acted. A request the situation overtook (the Chair
 * closed the list meanwhile) comes back refused with the server's reason until dismissed.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { api, DEMO_FORUM as FORUM, login } from '../support/server';
import { must, serverForThisFile } from './support';

const server = serverForThisFile();

type Client = ReturnType<typeof api> & { cookie: string };

async function as(email: string): Promise<Client> {
	const cookie = await login(server.current.url, email);
	return { ...api(server.current.url, cookie), cookie };
}

/** The forum page in a new browser context with that session. */
async function tabletOf(browser: Browser, who: Client): Promise<Page> {
	const url = server.current.url;
	const context = await browser.newContext({ baseURL: url });
	const [name, value] = [
		who.cookie.split('=', 1)[0],
		who.cookie.slice(who.cookie.indexOf('=') + 1)
	];
	await context.addCookies([{ name, value, url }]);
	const page = await context.newPage();
	await page.goto(`/forums/${FORUM}`);
	await expect(page.getByTestId('connection')).toHaveText('Live', { timeout: 30_000 });
	return page;
}

/** Every `floor.requested` event in the log, as the secretariat reads it. */
async function floorRequests(client: Client) {
	const { status, body } = await client.get(`/api/forums/${FORUM}/events?after=0&limit=5000`);
	expect(status).toBe(200);
	return (
		body.events as { type: string; payload: { request: { id: string; participantId: string } } }[]
	)
		.filter((e) => e.type === 'floor.requested')
		.map((e) => e.payload.request);
}

/** What the tablet keeps in its outbox for that participant. */
function keptOn(page: Page, participantId: string) {
	return page.evaluate(
		(key) => JSON.parse(localStorage.getItem(key) ?? '[]') as { command: { id: string } }[],
		`plenary:outbox:${FORUM}:${participantId}`
	);
}

test('a request for the floor made offline is pending, then delivered once; one overtaken by events is refused', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const sg = await as('sg@itu.demo');
	const france = await as('fra.head@wtpf.demo');
	const brazil = await as('bra.head@wtpf.demo');
	const kenya = await as('ken.head@wtpf.demo');
	await must(sg, 'forum.open');
	await must(sg, 'agenda.open', { item: 1 });
	await must(sg, 'agenda.close', { item: 1 });
	await must(sg, 'agenda.open', { item: 2 });
	await must(france, 'election.nominate', { candidateId: 'p-ken-head' });
	await must(brazil, 'election.second', { candidateId: 'p-ken-head' });
	await must(sg, 'election.declare_acclaimed');
	await must(kenya, 'agenda.close', { item: 2 });
	await must(kenya, 'agenda.open', { item: 3 });

	const chair = await tabletOf(browser, kenya);
	const control = chair.getByTestId('floor-control');
	const tablet = await tabletOf(browser, france);
	const panel = tablet.getByTestId('floor-panel');

	// The network drops (the socket with it), and France asks for the floor.
	await tablet.context().setOffline(true);
	await expect(tablet.getByTestId('connection')).not.toHaveText('Live');
	await expect(tablet.getByTestId('offline-banner')).toBeVisible();
	await panel.getByRole('button', { name: 'Ask for the floor' }).click();
	const pending = panel.getByTestId('outbox-item');
	await expect(pending).toHaveCount(1);
	await expect(pending).toHaveAttribute('data-status', 'pending');
	await expect(pending).toContainText('Statement');
	await expect(pending).toContainText('pending');
	await expect(tablet.getByTestId('outbox-waiting')).toHaveText('Waiting to be sent: 1.');
	await expect(tablet.getByTestId('offline-banner')).toContainText(
		'everything else needs a connection'
	);
	// Kept on the device with the id given when France acted; nothing reached the server.
	const kept = await keptOn(tablet, 'p-fra-head');
	expect(kept).toHaveLength(1);
	const id = kept[0].command.id;
	await expect(pending).toHaveAttribute('data-command-id', id);
	expect(await floorRequests(sg)).toEqual([]);
	await expect(control.getByTestId('floor-nobody')).toBeVisible();
	await expect(control.getByTestId('speakers-list')).toHaveCount(0);

	// Back online: after the resync the request is sent, once, with that id.
	await tablet.context().setOffline(false);
	await expect(tablet.getByTestId('connection')).toHaveText('Live', { timeout: 30_000 });
	await expect(panel.getByTestId('outbox-item')).toHaveCount(0);
	await expect(panel.getByTestId('my-requests')).toContainText('Statement — number 1 in order');
	await expect(control.getByTestId('speakers-list').locator('li')).toHaveCount(1);
	await expect(control.getByTestId('speakers-list')).toContainText('France');
	const requests = await floorRequests(sg);
	expect(requests).toEqual([expect.objectContaining({ id, participantId: 'p-fra-head' })]);
	expect(await keptOn(tablet, 'p-fra-head')).toEqual([]);

	// Brazil's tablet drops off; meanwhile the Chair closes the list of speakers.
	const other = await tabletOf(browser, brazil);
	const otherPanel = other.getByTestId('floor-panel');
	await other.context().setOffline(true);
	await expect(other.getByTestId('offline-banner')).toBeVisible();
	await must(kenya, 'floor.close_list', { item: 3 });
	await otherPanel.getByRole('button', { name: 'Ask for the floor' }).click();
	await expect(otherPanel.getByTestId('outbox-item')).toHaveAttribute('data-status', 'pending');

	// Back online: the server refuses it, and the tablet says why until Brazil dismisses it.
	await other.context().setOffline(false);
	await expect(other.getByTestId('connection')).toHaveText('Live', { timeout: 30_000 });
	const refused = otherPanel.getByTestId('outbox-item');
	await expect(refused).toHaveAttribute('data-status', 'refused');
	await expect(refused).toContainText('The list of speakers for item 3 is closed.');
	await expect(otherPanel.getByTestId('list-closed')).toBeVisible();
	expect(await floorRequests(sg)).toHaveLength(1);
	await expect(control.getByTestId('speakers-list').locator('li')).toHaveCount(1);
	// Still there after a reload: it is kept on the device until dismissed.
	await other.reload();
	await expect(other.getByTestId('connection')).toHaveText('Live', { timeout: 30_000 });
	await expect(otherPanel.getByTestId('outbox-item')).toHaveAttribute('data-status', 'refused');
	await refused.getByRole('button', { name: 'Dismiss' }).click();
	await expect(otherPanel.getByTestId('outbox-item')).toHaveCount(0);
	expect(await keptOn(other, 'p-bra-head')).toEqual([]);
});
