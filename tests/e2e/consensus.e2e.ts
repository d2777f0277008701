/**
 * Consensus on draft opinions, on every screen: the Chair takes up an opinion and checks
 * consensus; a delegation objects with one tap on its tablet; the Chair's declaration is refused on
 * screen, naming it; once the objection is withdrawn the declaration adopts the opinion, live on
 * the console, the tablets and the room display. And an accepted amendment shows in the text's
 * diff as <ins>/<del>, labelled with its amendment and the proposing delegation.
 */
import { expect, test, type Page } from '@playwright/test';
import { api, DEMO_FORUM as FORUM, login } from '../support/server';
import { must, serverForThisFile, signedIn } from './support';

const server = serverForThisFile();

type Client = ReturnType<typeof api>;

async function as(email: string): Promise<Client> {
	return api(server.current.url, await login(server.current.url, email));
}

// Items 1 and 2 and the Chair (Kenya's head) elected by acclamation, through the API.
test.beforeAll(async () => {
	const sg = await as('sg@itu.demo');
	await must(sg, 'forum.open');
	await must(sg, 'agenda.open', { item: 1 });
	await must(sg, 'agenda.close', { item: 1 });
	await must(sg, 'agenda.open', { item: 2 });
	await must(await as('fra.head@wtpf.demo'), 'election.nominate', { candidateId: 'p-ken-head' });
	await must(await as('bra.head@wtpf.demo'), 'election.second', { candidateId: 'p-ken-head' });
	await must(sg, 'election.declare_acclaimed');
	await must(await as('ken.head@wtpf.demo'), 'agenda.close', { item: 2 });
});

const statusOf = (page: Page) => page.getByTestId('consensus-panel').getByTestId('opinion-status');

test('an objection from a tablet blocks consensus; once withdrawn, the Chair adopts the opinion on every screen', async ({
	browser
}) => {
	// Four or five browser contexts, each signing in: more than the default time on a busy machine.
	test.slow();
	const url = server.current.url;

	const secretariat = await as('secretariat@itu.demo');
	const link = await secretariat.post(`/api/forums/${FORUM}/display-links`, { label: 'Hall' });
	expect(link.status).toBe(200);
	const projector = await (await browser.newContext()).newPage();
	await projector.goto(link.body.url);
	await expect(projector.getByTestId('room-display')).toBeVisible();

	const chair = await signedIn(browser, url, 'ken.head@wtpf.demo');
	const france = await signedIn(browser, url, 'fra.head@wtpf.demo');
	const brazil = await signedIn(browser, url, 'bra.head@wtpf.demo');

	// The Chair opens item 8 and takes up draft opinion 1 from the console.
	await chair.getByRole('button', { name: 'Open item 8', exact: true }).click();
	await expect(chair.getByTestId('agenda-item-8')).toHaveAttribute('data-status', 'open');
	await chair.getByRole('button', { name: 'Take up draft opinion 1' }).click();
	await expect(statusOf(chair)).toHaveAttribute('data-status', 'under_consideration');
	await expect(statusOf(france)).toHaveAttribute('data-status', 'under_consideration');
	await expect(projector.getByTestId('display-opinion')).toContainText('under consideration');

	// "Are there any objections?" on every tablet, with the window's countdown.
	// A long window, so that a slow machine does not close it before France taps.
	await chair.getByLabel('Window to object').selectOption('60');
	await chair.getByRole('button', { name: 'Check consensus' }).click();
	const prompt = france.getByTestId('consensus-check-prompt');
	await expect(prompt.getByRole('heading')).toHaveText(
		'Are there any objections to draft opinion 1?'
	);
	await expect(brazil.getByTestId('consensus-check-prompt')).toBeVisible();
	const left = Number(
		await prompt.getByTestId('check-countdown').getAttribute('data-remaining-ms')
	);
	expect(left).toBeGreaterThan(0);
	expect(left).toBeLessThanOrEqual(60_000);
	await expect(chair.getByTestId('consensus-check-chair')).toContainText('No objection so far.');

	// France objects with one tap, giving a reason.
	await prompt
		.getByLabel('Reason for the objection (optional)')
		.fill('OP 2 goes beyond the report.');
	await prompt.getByRole('button', { name: 'Object', exact: true }).click();
	await expect(prompt.getByTestId('my-objection')).toHaveText(
		'Your delegation objects: OP 2 goes beyond the report.'
	);
	await expect(chair.getByTestId('check-objections')).toHaveText(
		/1 delegation objects:\s+France\./
	);
	await expect(chair.getByTestId('consensus-panel').getByTestId('objection-FRA')).toContainText(
		'OP 2 goes beyond the report.'
	);
	await expect(
		projector.getByTestId('display-opinion').getByTestId('standing-objections')
	).toHaveText(/1 delegation objects:\s+France/);

	// The declaration is refused on the console, naming France; the opinion stays undecided.
	const declare = chair
		.getByTestId('consensus-check-chair')
		.getByRole('button', { name: 'Declare consensus' });
	await declare.click();
	const refusal =
		'There is no consensus: France objects. An opinion is adopted only when no objection stands.';
	await expect(chair.getByTestId('declare-refusal')).toHaveText(refusal);
	await expect(chair.getByTestId('refusal')).toHaveText(refusal);
	await expect(statusOf(chair)).toHaveAttribute('data-status', 'consensus_check');

	// France withdraws its objection from the tablet.
	const stance = france.getByTestId('stance-form');
	await expect(stance.getByTestId('my-stance')).toHaveAttribute('data-stance', 'objection');
	await stance.getByRole('radio', { name: 'No stance (withdraw the objection)' }).check();
	await stance.getByRole('button', { name: 'Record the stance' }).click();
	await expect(stance.getByTestId('my-stance')).toHaveAttribute('data-stance', 'none');
	await expect(chair.getByTestId('check-objections')).toHaveText('No objection so far.');

	await declare.click();
	for (const page of [chair, france, brazil]) {
		await expect(statusOf(page)).toHaveAttribute('data-status', 'adopted');
		await expect(page.getByTestId('opinion-outcome')).toHaveText('Adopted by consensus.');
		await expect(page.getByTestId('consensus-check-prompt')).toHaveCount(0);
	}
	await expect(chair.getByTestId('declare-refusal')).toHaveCount(0);
	await expect(projector.getByTestId('display-opinion').getByTestId('opinion-status')).toHaveText(
		'adopted'
	);
	await expect(projector.getByTestId('opinion-outcome')).toHaveText('Adopted by consensus.');
});

test('an accepted amendment shows in the text as <ins>/<del>, labelled with its amendment and delegation', async ({
	browser
}) => {
	// Four or five browser contexts, each signing in: more than the default time on a busy machine.
	test.slow();
	const url = server.current.url;
	const kenya = await as('ken.head@wtpf.demo');
	// Item 8 is open when the first test ran in this server; open it otherwise.
	const { body } = await kenya.get(`/api/forums/${FORUM}/state`);
	if (body.state.currentItem !== 8) await must(kenya, 'agenda.open', { item: 8 });
	await must(kenya, 'opinion.take_up', { opinion: 2 });
	const opinionPage = `/forums/${FORUM}/opinions/2`;

	// France proposes to replace the wording of OP 2; the form starts from the wording now.
	const france = await signedIn(browser, url, 'fra.head@wtpf.demo');
	await france.goto(opinionPage);
	await expect(france.getByTestId('connection')).toHaveText('Live');
	await france.getByRole('button', { name: 'Propose an amendment' }).click();
	const form = france.getByTestId('amendment-form');
	await form.getByRole('combobox', { name: /^Paragraph/ }).selectOption('p4');
	const wording = form.getByLabel('New wording of the paragraph');
	await expect(wording).toHaveValue(/^encourages Sector Members to pursue energy efficiency/);
	const before = await wording.inputValue();
	await wording.fill(before.replace('encourages', 'urges'));
	await form.getByRole('button', { name: 'Propose the amendment' }).click();
	const amendment = france.getByTestId('amendment-1');
	await expect(amendment).toHaveAttribute('data-status', 'proposed');
	await expect(amendment).toContainText('Replace the wording of OP 2');

	// Brazil seconds it; the Chair accepts it.
	const brazil = await signedIn(browser, url, 'bra.head@wtpf.demo');
	await brazil.goto(opinionPage);
	await brazil.getByRole('button', { name: 'Second Amendment 1' }).click();
	await expect(amendment).toHaveAttribute('data-status', 'seconded');
	const chair = await signedIn(browser, url, 'ken.head@wtpf.demo');
	await chair.goto(opinionPage);
	await chair.getByRole('button', { name: 'Accept Amendment 1' }).click();
	await expect(amendment).toHaveAttribute('data-status', 'accepted');

	// The clean text has the new wording; the diff shows what changed and who proposed it.
	const op2 = france.getByTestId('clean-text').locator('li[data-paragraph="p4"]');
	await expect(op2).toContainText('urges Sector Members to pursue');
	await expect(op2.locator('ins, del')).toHaveCount(0);
	await france.getByRole('button', { name: 'Changes against the original (1)' }).click();
	const changed = france.getByTestId('diff-text').locator('li[data-status="changed"]');
	await expect(changed).toHaveCount(1);
	await expect(changed).toHaveAttribute('data-paragraph', 'p4');
	await expect(changed.locator('ins')).toHaveCount(1);
	await expect(changed.locator('del')).toHaveCount(1);
	await expect(changed.locator('ins')).toContainText('urges');
	await expect(changed.locator('del')).toContainText('encourages');
	await expect(changed.getByTestId('change-label')).toHaveText(
		'Amended by Amendment 1, proposed by France.'
	);
	await expect(france.getByTestId('diff-text').locator('li[data-status="unchanged"]')).toHaveCount(
		4
	);

	// A short consensus check: the prompt goes away when its window closes.
	await must(kenya, 'opinion.check_consensus', { opinion: 2, seconds: 10 });
	const prompt = france.getByTestId('consensus-check-prompt');
	await expect(prompt).toBeVisible();
	await expect(prompt).toHaveCount(0, { timeout: 20_000 });
	await expect(chair.getByTestId('check-closed')).toBeVisible();

	// With no objection, consensus adopts it with amendments; the secretariat records the text.
	await chair
		.getByTestId('consensus-check-chair')
		.getByRole('button', { name: 'Declare consensus' })
		.click();
	await expect(statusOf(france)).toHaveAttribute('data-status', 'adopted_with_amendments');
	const secretariat = await signedIn(browser, url, 'secretariat@itu.demo');
	await secretariat.goto(opinionPage);
	await secretariat.getByRole('button', { name: 'Record the final text' }).click();
	await expect(france.getByTestId('final-text-recorded')).toBeVisible();
	await expect(secretariat.getByRole('button', { name: 'Record the final text' })).toHaveCount(0);
});
