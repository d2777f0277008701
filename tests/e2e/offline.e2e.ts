import { expect, test } from '@playwright/test';
import { serverForThisFile, signedIn } from './support';

const server = serverForThisFile();

test('the service worker takes control; offline, the delegate still reads the agenda and an opinion', async ({
	browser
}) => {
	test.slow();
	const page = await signedIn(browser, server.current.url, 'fra.head@wtpf.demo');
	// The app is installable: a manifest, and a service worker that takes control.
	const manifest = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(manifest).toBeTruthy();
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await expect(page.getByTestId('connection')).toHaveText('Live');
	expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
	// What the delegate saw is kept on the device (written within a second).
	await expect
		.poll(() =>
			page.evaluate(() =>
				Object.keys(localStorage).some((k) => k.startsWith('plenary:forum:wtpf-26:'))
			)
		)
		.toBe(true);
	// What is kept is what the offline page shows, at the page's last event: not the whole state,
	// whose roster made it 730 KB for a large forum, copied and written every second (note 48).
	const kept = await page.evaluate(() => {
		const key = Object.keys(localStorage).find((k) => k.startsWith('plenary:forum:wtpf-26:'))!;
		return JSON.parse(localStorage.getItem(key)!);
	});
	expect(Object.keys(kept).sort()).toEqual(['forum', 'participantId', 'reading', 'savedAt', 'seq']);
	expect(kept.seq).toBeGreaterThan(0);
	expect(kept.reading.agenda).toHaveLength(10);

	// The network drops: the open page says so and keeps showing the agenda.
	await page.context().setOffline(true);
	await expect(page.getByTestId('offline-banner')).toContainText('last updated at');
	await expect(page.getByTestId('agenda-item-1')).toBeVisible();

	// Even a reload works: the service worker answers with the offline page, filled from the device.
	await page.reload();
	await expect(page.getByTestId('offline-banner')).toContainText('Offline, last updated at');
	await expect(page.getByTestId('offline-agenda')).toContainText('Election of the Chair');
	const opinion = page.getByTestId('offline-opinion-1');
	await opinion.locator('summary').click();
	await expect(opinion).toContainText('recognizing');

	// Back online: the page reloads by itself into the live forum.
	await page.context().setOffline(false);
	await expect(page.getByTestId('connection')).toHaveText('Live', { timeout: 30_000 });

	// Signing out forgets what the device kept.
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/login/);
	expect(
		await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('plenary:')))
	).toEqual([]);
});
