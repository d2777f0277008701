import { expect, test, type Page } from '@playwright/test';
import { serverForThisFile, signedIn } from './support';

const server = serverForThisFile();

/** From the forum page to the report page, by the link every participant has. */
async function openReport(page: Page): Promise<void> {
	await page.getByTestId('report-link').click();
	await expect(page).toHaveURL(/\/forums\/wtpf-26\/report$/);
	await expect(page.getByTestId('connection')).toHaveText('Live');
}

test("the secretariat imports the report's sections from Markdown, during preparation", async ({
	browser
}) => {
	const secretariat = await signedIn(browser, server.current.url, 'secretariat@itu.demo');
	await secretariat.getByTestId('setup-link').click();
	const setup = secretariat.getByTestId('report-setup');
	await expect(setup).toContainText('6 sections');

	// A malformed text adds nothing and says which line to correct.
	await setup
		.getByLabel("Or paste the report's text")
		.fill('## 1 Introduction\n\nText.\n\n## Intro\n');
	await setup.getByRole('button', { name: 'Import the report' }).click();
	await expect(secretariat.getByTestId('report-import-error')).toHaveText(
		'Line 5: The heading "Intro" has no section number. Write it as "## 1 Introduction" (a number such as 1, 2.1 or A, then the title). Nothing was added: correct the file and import it again.'
	);
	await expect(setup).toContainText('6 sections');

	// The example file: sections 1, 2 and 3 exist already, 2.1, 2.2 and A are added.
	await setup.getByLabel("Or paste the report's text").fill('');
	await setup.getByLabel('Markdown file').setInputFiles('docs/examples/sg-report.md');
	await setup.getByRole('button', { name: 'Import the report' }).click();
	await expect(secretariat.getByTestId('report-import-summary')).toHaveText(
		'3 sections added, 3 refused, from "Report of the Secretary-General (illustrative excerpt)".'
	);
	await expect(secretariat.getByTestId('report-import-report').locator('tbody tr')).toHaveText([
		/^3\s*1 Introduction\s*Section 1 exists already\.$/,
		/^11\s*2 Digital divides/,
		/^21\s*2\.1 Affordability\s*Added$/,
		/^26\s*2\.2 Digital skills\s*Added$/,
		/^31\s*3 Resilience/,
		/^36\s*A Annex: list of abbreviations\s*Added$/
	]);
	await expect(setup).toContainText('9 sections');
});

test('an observation on section 2: submitted, seen live, marked presented on every screen', async ({
	browser
}) => {
	// Three signed-in browsers: about 20 s on an idle machine, more on a busy 2-core one.
	test.slow();
	const url = server.current.url;
	const officer = await signedIn(browser, url, 'sg@itu.demo');
	await officer.getByRole('button', { name: 'Open the forum' }).click();
	await expect(officer.getByTestId('forum-phase')).toContainText('In session');

	const france = await signedIn(browser, url, 'fra.head@wtpf.demo');
	const brazil = await signedIn(browser, url, 'bra.head@wtpf.demo');
	await openReport(france);
	await openReport(brazil);
	let reloads = 0;
	for (const page of [france, brazil]) page.on('framenavigated', () => reloads++);

	const franceSection = france.getByTestId('section-2');
	const brazilSection = brazil.getByTestId('section-2');
	await expect(franceSection.getByRole('heading', { level: 2 })).toHaveText(
		'2 Digital divides: gender, generations, skills and connectivity'
	);
	await expect(brazilSection).toContainText('No observation on this section yet');

	await franceSection.getByRole('button', { name: 'Write an observation on section 2' }).click();
	const textarea = franceSection.getByLabel('Your observation on section 2');
	await expect(textarea).toBeFocused();
	const submitButton = franceSection.getByRole('button', { name: 'Submit the observation' });

	// Over the limit: a clear message, and nothing can be sent.
	await textarea.fill('x'.repeat(10_001));
	await expect(franceSection.getByTestId('observation-count')).toHaveText(
		'10,001 of 10,000 characters'
	);
	await expect(franceSection.getByTestId('observation-too-long')).toContainText(
		'The observation is 1 character too long.'
	);
	await expect(submitButton).toBeDisabled();

	const text =
		'France supports the analysis of meaningful connectivity.\n\nWe propose adding affordability of devices to the indicators.';
	await textarea.fill(text);
	await expect(franceSection.getByTestId('observation-too-long')).toHaveCount(0);
	await submitButton.click();
	await expect(france.getByTestId('done')).toHaveText(
		'Your observation on section 2 is submitted.'
	);

	// Brazil's page shows it without reloading: France's delegation, the status, two paragraphs.
	const seen = brazilSection.getByRole('listitem');
	await expect(seen).toHaveCount(1);
	await expect(seen.getByRole('strong')).toHaveText('France');
	await expect(seen.getByTestId('observation-status')).toHaveText('submitted');
	await expect(seen.locator('.text p')).toHaveText([
		'France supports the analysis of meaningful connectivity.',
		'We propose adding affordability of devices to the indicators.'
	]);
	// Only France's delegation may withdraw it; no delegate may mark it presented.
	await expect(seen.getByRole('button')).toHaveCount(0);
	await expect(
		franceSection.getByRole('listitem').getByRole('button', { name: 'Withdraw' })
	).toBeVisible();
	await expect(franceSection.getByRole('button', { name: /^Mark presented/ })).toHaveCount(0);

	// The opening officer, presiding, marks it presented from the report page.
	await openReport(officer);
	await officer
		.getByTestId('section-2')
		.getByRole('button', { name: 'Mark presented: France on section 2' })
		.click();
	for (const page of [officer, france, brazil]) {
		const item = page.getByTestId('section-2').getByRole('listitem');
		await expect(item.getByTestId('observation-status')).toHaveText('presented');
		await expect(item).toHaveAttribute('data-status', 'presented');
	}
	// Presented: it can no longer be withdrawn.
	await expect(franceSection.getByRole('button', { name: 'Withdraw' })).toHaveCount(0);

	// Grouped by delegation, the same observation appears under France with its section.
	await brazil.getByRole('button', { name: 'By delegation' }).click();
	const byFrance = brazil.getByTestId('delegation-FRA');
	await expect(byFrance.getByRole('strong')).toHaveText(
		'Section 2 — Digital divides: gender, generations, skills and connectivity'
	);
	await expect(byFrance.getByTestId('observation-status')).toHaveText('presented');
	expect(reloads).toBe(0);
});
