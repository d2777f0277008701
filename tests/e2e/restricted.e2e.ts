import { expect, test } from '@playwright/test';
import { api, commandId, login } from '../support/server';
import { must as mustGive, serverForThisFile, signedIn } from './support';

const server = serverForThisFile();
const FORUM = 'wtpf-26';
/** The heads of delegation checked in: 16 of the 28 accredited Member States, a quorum. */
const HEADS = ['fra', 'bra', 'ken', 'chn', 'egy', 'sau', 'rus', 'arg', 'mex', 'ind', 'jpn', 'usa'];
const MORE_HEADS = ['deu', 'che', 'nga', 'zaf'];

test('a session for Member States only: decided, held, closed, its summary published', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const url = server.current.url;
	const said = `Said in the closed session ${commandId()}`;
	const summary = `The Member States agreed to continue consultations (${commandId()}).`;

	// Set up through the API: a Chair elected by acclamation, item 6 open, a quorum checked in.
	const cookies = new Map<string, string>();
	const emails = [
		'sg@itu.demo',
		'secretariat@itu.demo',
		'fra.delegate@wtpf.demo',
		...[...HEADS, ...MORE_HEADS].map((c) => `${c}.head@wtpf.demo`)
	];
	// Sign-ins verify an argon2 hash each: a few at a time.
	for (let i = 0; i < emails.length; i += 5) {
		const batch = emails.slice(i, i + 5);
		const signed = await Promise.all(batch.map((email) => login(url, email)));
		batch.forEach((email, j) => cookies.set(email, signed[j]));
	}
	const must = (email: string, type: string, payload?: Record<string, unknown>) =>
		mustGive(api(url, cookies.get(email)), type, payload);
	await must('sg@itu.demo', 'forum.open');
	await must('sg@itu.demo', 'agenda.open', { item: 1 });
	await must('sg@itu.demo', 'agenda.close', { item: 1 });
	await must('sg@itu.demo', 'agenda.open', { item: 2 });
	await must('fra.head@wtpf.demo', 'election.nominate', { candidateId: 'p-ken-head' });
	await must('bra.head@wtpf.demo', 'election.second', { candidateId: 'p-ken-head' });
	await must('sg@itu.demo', 'election.declare_acclaimed');
	await must('ken.head@wtpf.demo', 'agenda.close', { item: 2 });
	await must('ken.head@wtpf.demo', 'agenda.open', { item: 6 });
	for (const c of [...HEADS, ...MORE_HEADS]) await must(`${c}.head@wtpf.demo`, 'presence.check_in');

	// The room display, opened from a display link.
	const link = await api(url, cookies.get('secretariat@itu.demo')).post(
		`/api/forums/${FORUM}/display-links`,
		{ label: 'Main room' }
	);
	const projector = await (await browser.newContext()).newPage();
	await projector.goto(link.body.url);
	await expect(projector.getByTestId('display-item')).toHaveText(
		"Presentation of members' observations on the report"
	);

	// Side by side: France (a Member State), Ericsson (a Sector Member), and the Chair.
	const france = await signedIn(browser, url, 'fra.head@wtpf.demo');
	const ericsson = await signedIn(browser, url, 'sm-ericsson@wtpf.demo');
	const chair = await signedIn(browser, url, 'ken.head@wtpf.demo');

	// France requests it, Brazil seconds; everyone sees the request, only Member States act on it.
	await france.getByRole('button', { name: 'Request a session for Member States only' }).click();
	await expect(ericsson.getByTestId('restricted-motion')).toHaveText(
		'Requested by France, not yet seconded.'
	);
	await expect(ericsson.getByRole('button', { name: 'Second the request' })).toHaveCount(0);
	await expect(france.getByRole('button', { name: 'Second the request' })).toHaveCount(0);
	await must('bra.head@wtpf.demo', 'restricted.second');
	await expect(chair.getByTestId('restricted-motion')).toHaveText(
		'Requested by France, seconded by Brazil.'
	);

	// The vote: France votes yes on its tablet, eleven more yes and four no; it passes.
	await chair.getByRole('button', { name: 'Put the request to the vote' }).click();
	await expect(ericsson.getByTestId('restricted-vote')).toContainText(
		'0 of 16 Member States present have voted'
	);
	await expect(ericsson.getByRole('button', { name: 'Vote yes' })).toHaveCount(0);
	await france.getByRole('button', { name: 'Vote yes' }).click();
	await expect(france.getByTestId('restricted-ballot')).toHaveText(
		'Your delegation has voted yes.'
	);
	for (const [i, c] of [...HEADS.slice(1), ...MORE_HEADS].entries()) {
		await must(`${c}.head@wtpf.demo`, 'restricted.cast', { vote: i < 11 ? 'yes' : 'no' });
	}
	await expect(chair.getByTestId('restricted-vote')).toContainText(
		'16 of 16 Member States present have voted'
	);
	await chair.getByRole('button', { name: 'Close the vote' }).click();
	for (const page of [france, ericsson, chair]) {
		await expect(page.getByTestId('restricted-tally')).toHaveText(
			'Vote: 12 yes, 4 no — the Member States decided to hold the session.'
		);
	}

	// The Chair opens it. Every screen says so; only Member States keep working.
	await chair.getByRole('button', { name: 'Open the session for Member States only' }).click();
	await expect(france.getByTestId('restricted-banner')).toHaveText(
		/^Session for Member States only — since \d\d:\d\d$/
	);
	await expect(chair.getByTestId('restricted-banner')).toHaveText(
		/^Session for Member States only — since \d\d:\d\d$/
	);
	await expect(ericsson.getByTestId('restricted-banner')).toHaveText(
		/^A session for Member States only is in progress since \d\d:\d\d\. The open session will resume here\.$/
	);
	await expect(ericsson.getByRole('button', { name: 'Check in' })).toBeDisabled();
	await expect(ericsson.getByRole('button', { name: 'Ask for the floor' })).toBeDisabled();
	await expect(france.getByRole('button', { name: 'Ask for the floor' })).toBeEnabled();
	await expect(projector.getByTestId('display-restricted')).toBeVisible();
	await expect(projector.getByTestId('display-restricted')).toContainText(
		/A session for Member States only is in progress since \d\d:\d\d\./
	);

	// A Member State's delegate submits an observation inside: France's tablet shows it at once.
	await france.getByTestId('report-link').click();
	await expect(france.getByTestId('restricted-banner')).toBeVisible();
	await ericsson.getByTestId('report-link').click();
	await expect(ericsson.getByTestId('restricted-banner')).toContainText('The open session');
	await must('fra.delegate@wtpf.demo', 'observation.submit', { section: '2', text: said });
	await expect(france.locator('main')).toContainText(said);

	// The Chair closes it: the open session resumes on every screen, and the summary is published.
	await chair.getByRole('button', { name: 'Close it and resume the open session' }).click();
	for (const page of [france, ericsson, chair]) {
		await expect(page.getByTestId('restricted-banner')).toHaveCount(0);
	}
	await expect(projector.getByTestId('display-restricted')).toHaveCount(0);
	await expect(projector.getByTestId('display-item')).toHaveText(
		"Presentation of members' observations on the report"
	);
	await chair.getByLabel('Public summary of the closed session').fill(summary);
	await chair.getByRole('button', { name: 'Publish the summary' }).click();
	await expect(projector.getByTestId('display-restricted-summary')).toContainText(summary);

	// Back on the forum page, Ericsson reads the summary; what was said inside never reached it.
	await ericsson.getByRole('link', { name: 'Back to the forum' }).click();
	await expect(ericsson.getByTestId('restricted-summary')).toContainText(summary);
	await expect(ericsson.getByRole('button', { name: 'Ask for the floor' })).toBeEnabled();
	await ericsson.getByTestId('report-link').click();
	await expect(ericsson.getByTestId('observation-summary')).toBeVisible();
	await expect(ericsson.locator('main')).not.toContainText(said);
	await ericsson.reload();
	await expect(ericsson.getByTestId('observation-summary')).toBeVisible();
	expect(await ericsson.content()).not.toContain(said);
	// France still has it, with the summary on the forum page.
	await expect(france.locator('main')).toContainText(said);
	await france.getByRole('link', { name: 'Back to the forum' }).click();
	await expect(france.getByTestId('restricted-summary')).toContainText(summary);
});
