import { expect, test } from '@playwright/test';
import { api, login } from '../support/server';
import { must, serverForThisFile, signedIn } from './support';

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

test('the copy kept for reading offline is written again only when what it shows changed', async ({
	browser
}) => {
	test.slow();
	const url = server.current.url;
	const page = await signedIn(browser, url, 'fra.delegate@wtpf.demo');
	// the service worker in control, for the offline page at the end
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await expect(page.getByTestId('connection')).toHaveText('Live');
	const kept = () =>
		page.evaluate(() => {
			const key = Object.keys(localStorage).find((k) => k.startsWith('plenary:forum:wtpf-26:'));
			return {
				copy: key ? JSON.parse(localStorage.getItem(key)!) : null,
				last: JSON.parse(localStorage.getItem('plenary:last') ?? 'null')
			};
		});
	const sg = api(url, await login(url, 'sg@itu.demo'));
	const head = async () =>
		((await sg.get('/api/forums/wtpf-26/state')).body as { seq: number }).seq;
	const checkIn = async (email: string) => {
		await must(api(url, await login(url, email)), 'presence.check_in');
		const seq = await head();
		await expect.poll(async () => (await kept()).last?.seq).toBe(seq);
	};
	await expect.poll(async () => (await kept()).copy?.seq).toBe(await head());
	const first = (await kept()).copy;

	// A head of delegation checks in: nothing the offline page shows changes, so only when the
	// page last heard from the server is written (the copy is about 200 KB for a large forum).
	await checkIn('deu.head@wtpf.demo');
	const unchanged = await kept();
	expect(unchanged.copy).toEqual(first);
	expect(unchanged.last.savedAt).toBeGreaterThan(first.savedAt);

	// The forum opens and its first item with it: the agenda it shows changed, so the copy is new.
	await must(sg, 'forum.open');
	await must(sg, 'agenda.open', { item: 1 });
	const opened = await head();
	await expect.poll(async () => (await kept()).copy?.seq).toBe(opened);
	const renewed = (await kept()).copy;
	expect(renewed.reading.agenda[0].status).not.toBe(first.reading.agenda[0].status);

	// A second later another head checks in; offline, the page says when it last heard from the
	// server (the copy was still right then), not when the copy was written.
	await page.waitForTimeout(1100);
	await checkIn('gbr.head@wtpf.demo');
	const { copy, last } = await kept();
	expect(copy).toEqual(renewed);
	const time = (at: number) =>
		page.evaluate((t) => new Date(t).toLocaleString('en', { numberingSystem: 'latn' }), at);
	expect(await time(last.savedAt)).not.toBe(await time(copy.savedAt));
	await page.context().setOffline(true);
	await page.reload();
	await expect(page.getByTestId('offline-banner')).toContainText(await time(last.savedAt));
	await page.context().close();
});
