import { expect, test } from '@playwright/test';
import { chairShortcut, DEMO_PASSWORD, serverForThisFile, signedIn } from './support';

const server = serverForThisFile();

test('a key the console cannot act on is said, not dropped: a command still on its way, no connection', async ({
	browser
}) => {
	// The presiding officer's socket passes through here, so that a command can be held back.
	const context = await browser.newContext({ baseURL: server.current.url });
	let holding = false;
	const held: string[] = [];
	let release = () => {};
	await context.routeWebSocket(/\/socket\.io\//, (page) => {
		const toServer = page.connectToServer();
		page.onMessage((message) => {
			// Socket.IO frames a command as 42<ack id>["command",…]
			if (holding && typeof message === 'string' && message.includes('["command"')) {
				held.push(message);
			} else {
				toServer.send(message);
			}
		});
		toServer.onMessage((message) => page.send(message));
		release = () => {
			holding = false;
			for (const message of held.splice(0)) toServer.send(message);
		};
	});
	const officer = await context.newPage();
	await officer.goto('/login');
	await officer.getByLabel('Email address').fill('sg@itu.demo');
	await officer.getByLabel('Password').fill(DEMO_PASSWORD);
	await officer.getByRole('button', { name: 'Sign in' }).click();
	await expect(officer.getByTestId('connection')).toHaveText('Live', { timeout: 30_000 });
	await officer.getByRole('button', { name: 'Open the forum' }).click();
	await expect(officer.getByTestId('forum-phase')).toContainText('In session');

	// N opens item 1, but its command is held on the way: C, pressed meanwhile, is not taken
	holding = true;
	await chairShortcut(officer, 'n');
	await expect(officer.getByTestId('chair-console')).toHaveAttribute('data-busy', 'true');
	await officer.keyboard.press('c');
	await expect(officer.getByTestId('shortcut-held')).toHaveText(
		'Key C not taken: the last command is still being sent. Press it again once that is done.'
	);
	await expect(officer.getByTestId('agenda-item-1')).toHaveAttribute('data-status', 'pending');
	expect(held).toHaveLength(1);

	// the command goes, is answered: the notice goes with it, and C works again
	release();
	await expect(officer.getByTestId('agenda-item-1')).toHaveAttribute('data-status', 'open');
	await expect(officer.getByTestId('shortcut-held')).toHaveText('');
	await chairShortcut(officer, 'c');
	await expect(officer.getByTestId('agenda-item-1')).toHaveAttribute('data-status', 'closed');

	// The same officer on a second screen that loses the network: N is not taken, and says why.
	const second = await signedIn(browser, server.current.url, 'sg@itu.demo');
	await second.context().setOffline(true);
	await expect(second.getByTestId('connection')).not.toHaveText('Live');
	await second.keyboard.press('n');
	await expect(second.getByTestId('shortcut-held')).toHaveText(
		'Key N not taken: the console is not connected. Press it again once the connection is back.'
	);
	await second.context().setOffline(false);
	await expect(second.getByTestId('connection')).toHaveText('Live', { timeout: 30_000 });
	await expect(second.getByTestId('shortcut-held')).toHaveText('');
	await expect(second.getByTestId('agenda-item-2')).toHaveAttribute('data-status', 'pending');
	await chairShortcut(second, 'n');
	await expect(second.getByTestId('agenda-item-2')).toHaveAttribute('data-status', 'open');
	await expect(officer.getByTestId('agenda-item-2')).toHaveAttribute('data-status', 'open');
	await context.close();
	await second.context().close();
});
