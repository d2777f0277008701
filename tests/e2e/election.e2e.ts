import { expect, test } from '@playwright/test';
import { chairShortcut, serverForThisFile, signedIn } from './support';

const server = serverForThisFile();

test('nominate, second, acclaim: the new Chair takes office live on every screen', async ({
	browser
}) => {
	const url = server.current.url;
	const officer = await signedIn(browser, url, 'sg@itu.demo');
	await expect(officer.getByTestId('chair-console')).toBeVisible();

	// The secretariat's display link, opened on the "projector".
	const secretariat = await signedIn(browser, url, 'secretariat@itu.demo');
	await secretariat.getByRole('button', { name: 'Create a display link' }).click();
	const link = await secretariat.getByTestId('display-link').getAttribute('href');
	const projector = await (await browser.newContext()).newPage();
	await projector.goto(link!);
	await expect(projector).toHaveURL(`${url}/display/wtpf-26`);
	await expect(projector.getByTestId('room-display')).toContainText('will open shortly');

	// Items 1 and 2, from the console's keyboard shortcuts.
	await officer.getByRole('button', { name: 'Open the forum' }).click();
	await expect(officer.getByTestId('forum-phase')).toContainText('In session');
	await chairShortcut(officer, 'n');
	await expect(officer.getByTestId('agenda-item-1')).toHaveAttribute('data-status', 'open');
	await chairShortcut(officer, 'c');
	await expect(officer.getByTestId('agenda-item-1')).toHaveAttribute('data-status', 'closed');
	await chairShortcut(officer, 'n');
	await expect(officer.getByTestId('agenda-item-2')).toHaveAttribute('data-status', 'open');
	await expect(projector.getByTestId('display-item')).toHaveText('Election of the Chair');

	const france = await signedIn(browser, url, 'fra.head@wtpf.demo');
	const brazil = await signedIn(browser, url, 'bra.head@wtpf.demo');
	const kenya = await signedIn(browser, url, 'ken.head@wtpf.demo');
	let reloads = 0;
	for (const page of [france, projector, kenya]) page.on('framenavigated', () => reloads++);

	await france.getByLabel('Nominate for Chair').selectOption('p-ken-head');
	await france.getByRole('button', { name: 'Nominate', exact: true }).click();
	const candidate = brazil.getByTestId('candidate-p-ken-head');
	await expect(candidate).toContainText('not yet seconded');
	// France may not second its own nomination: the button is not offered to it.
	await expect(
		france.getByTestId('candidate-p-ken-head').getByRole('button', { name: 'Second' })
	).toHaveCount(0);
	await candidate.getByRole('button', { name: 'Second' }).click();
	await expect(officer.getByTestId('candidate-p-ken-head')).toContainText('seconded by Brazil');
	await expect(projector.getByTestId('display-election')).toContainText('seconded by Brazil');

	await officer.getByRole('button', { name: 'Declare elected by acclamation' }).click();

	// Every screen shows the new Chair, without reloading.
	await expect(france.getByTestId('presiding-officer')).toHaveText('Wanjiru Kamau');
	await expect(projector.getByTestId('display-presiding')).toContainText('Wanjiru Kamau');
	await expect(projector.getByTestId('display-chair')).toContainText('by acclamation');
	// The Chair's screen becomes the console; the opening officer's presiding controls go away.
	await expect(kenya.getByTestId('chair-console')).toBeVisible();
	await expect(officer.getByTestId('chair-console')).toHaveCount(0);
	await expect(officer.getByRole('button', { name: 'Close item 2', exact: true })).toHaveCount(0);
	expect(reloads).toBe(0);

	// The Chair then runs the agenda: closes item 2 and opens item 3 from the console.
	await kenya.getByRole('button', { name: 'Close the open item' }).click();
	await kenya.getByRole('button', { name: 'Open the next item (3)' }).click();
	await expect(france.getByTestId('current-item')).toContainText(
		'Opening remarks and presentations'
	);
	await expect(projector.getByTestId('display-item')).toHaveText(
		'Opening remarks and presentations'
	);
});
