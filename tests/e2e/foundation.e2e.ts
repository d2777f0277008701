import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { COMPILE_HINT } from '../../src/lib/view-chunk.vite';
import { api, login } from '../support/server';
import { DEMO_PASSWORD, must, serverForThisFile, signedIn } from './support';

const server = serverForThisFile();

// First in the file: delegations are registered while the forum is in preparation.
test('a delegation registered while a delegate’s page is open counts there at once', async ({
	browser
}) => {
	const delegate = await signedIn(browser, server.current.url, 'bra.head@wtpf.demo');
	const accredited = async () => {
		const text = await delegate.getByTestId('presence-summary').textContent();
		return Number(/of (\d+) Member States present/.exec(text ?? '')?.[1]);
	};
	const before = await accredited();
	expect(before).toBeGreaterThan(0);
	let reloads = 0;
	delegate.on('framenavigated', () => reloads++);

	// The page keeps the delegations outside Svelte's deep reactivity and replaces the map after
	// a `delegation.registered` (ROSTER_EVENTS): without that, the count would not move.
	const secretariat = api(
		server.current.url,
		await login(server.current.url, 'secretariat@itu.demo')
	);
	await must(secretariat, 'delegation.register', {
		delegationId: 'TST',
		name: 'Testland',
		category: 'member_state'
	});
	await expect.poll(accredited).toBe(before + 1);
	// an observer delegation is no Member State: the count stays
	await must(secretariat, 'delegation.register', {
		delegationId: 'OBS',
		name: 'Observer body',
		category: 'observer'
	});
	await must(secretariat, 'delegation.register', {
		delegationId: 'TS2',
		name: 'Testland Two',
		category: 'member_state'
	});
	await expect.poll(accredited).toBe(before + 2);
	expect(reloads).toBe(0);
});

test('the opening officer opens item 1 and a delegate sees it without reloading', async ({
	browser
}) => {
	const officer = await signedIn(browser, server.current.url, 'sg@itu.demo');
	const delegate = await signedIn(browser, server.current.url, 'fra.head@wtpf.demo');
	await expect(delegate.getByTestId('delegation')).toHaveText('France');
	await expect(delegate.getByTestId('agenda-item-1')).toHaveAttribute('data-status', 'pending');
	// A delegate has no presiding controls.
	await expect(delegate.getByRole('button', { name: 'Open the forum' })).toHaveCount(0);
	await expect(delegate.getByRole('button', { name: 'Open item 1', exact: true })).toHaveCount(0);

	// Nothing is reloaded from here on: the delegate's page must change by itself.
	let reloads = 0;
	delegate.on('framenavigated', () => reloads++);

	await officer.getByRole('button', { name: 'Open the forum' }).click();
	await expect(delegate.getByTestId('forum-phase')).toContainText('In session');

	await officer.getByRole('button', { name: 'Open item 1', exact: true }).click();
	await expect(officer.getByTestId('agenda-item-1')).toHaveAttribute('data-status', 'open');
	await expect(delegate.getByTestId('agenda-item-1')).toHaveAttribute('data-status', 'open');
	await expect(delegate.getByTestId('current-item')).toContainText('Opening of the Forum');
	expect(reloads).toBe(0);

	// Item 3 stays locked until a Chair is elected: the server refuses, the officer is told why.
	await expect(officer.getByRole('button', { name: 'Open item 3', exact: true })).toBeVisible();
	await officer.getByRole('button', { name: 'Close item 1', exact: true }).click();
	await officer.getByRole('button', { name: 'Open item 3', exact: true }).click();
	await expect(officer.getByTestId('refusal')).toContainText('Chair has been elected');
	await expect(delegate.getByTestId('agenda-item-3')).toHaveAttribute('data-status', 'pending');
});

test('check-ins change every screen at once: the count, the own button, the secretariat list', async ({
	browser
}) => {
	const delegate = await signedIn(browser, server.current.url, 'bra.head@wtpf.demo');
	const secretariat = await signedIn(browser, server.current.url, 'secretariat@itu.demo');
	const count = async () => {
		const text = await delegate.getByTestId('presence-summary').textContent();
		return Number(/(\d+) of \d+ Member States present/.exec(text ?? '')?.[1]);
	};
	const before = await count();
	expect(before).toBeGreaterThanOrEqual(0);

	// the delegate checks in on their own screen: their button and the count follow
	await delegate.getByRole('button', { name: 'Check in', exact: true }).click();
	await expect(delegate.getByRole('button', { name: 'Check out', exact: true })).toBeVisible();
	await expect.poll(count).toBe(before + 1);

	// the secretariat's list shows it, and a check-out there reaches the delegate's screen
	await secretariat.getByLabel('Find a participant').fill('Brazil');
	const head = secretariat.getByRole('button', { name: /^Check out .*/ });
	await expect(head).toHaveCount(1);
	await head.click();
	await expect(delegate.getByRole('button', { name: 'Check in', exact: true })).toBeVisible();
	await expect.poll(count).toBe(before);
});

test('the forum comes beside the page; when it cannot, the delegate is told to reload', async ({
	browser
}) => {
	const delegate = await signedIn(browser, server.current.url, 'fra.delegate@wtpf.demo');
	// the names on the page come from the snapshot fetched beside the HTML
	await expect(delegate.getByTestId('participant-name')).toHaveText(/\S/);
	const asked: string[] = [];
	delegate.on('request', (r) => {
		if (r.url().endsWith('/api/forums/wtpf-26/state')) asked.push(r.url());
	});
	// the connection drops for that request alone: the page tries three times, then says so
	await delegate.route('**/api/forums/wtpf-26/state', (route) => route.abort());
	await delegate.reload();
	await expect(delegate.getByTestId('error-message')).toHaveText(
		'The forum could not be loaded. Check the connection and reload the page.'
	);
	expect(asked.length).toBeGreaterThanOrEqual(3);
	// once it is back, a reload gives the live page
	await delegate.unroute('**/api/forums/wtpf-26/state');
	await delegate.reload();
	await expect(delegate.getByTestId('connection')).toHaveText('Live');
	await expect(delegate.getByTestId('delegation')).toHaveText('France');
});

test('the delegate’s page opens its one socket while its snapshot is still coming', async ({
	browser
}) => {
	const delegate = await signedIn(browser, server.current.url, 'fra.delegate@wtpf.demo');
	const sockets: string[] = [];
	delegate.on('websocket', (ws) => sockets.push(ws.url()));
	// the snapshot held back until the page has opened a socket (5 s at most): the page's `load`
	// opens it before it awaits the snapshot (`preconnect`), not once it has it and hydrates
	let openedFirst = false;
	await delegate.route('**/api/forums/wtpf-26/state', async (route) => {
		for (let waited = 0; sockets.length === 0 && waited < 5_000; waited += 50) {
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		openedFirst = sockets.length > 0;
		await route.continue();
	});
	await delegate.reload();
	await expect(delegate.getByTestId('connection')).toHaveText('Live');
	expect(openedFirst).toBe(true);
	// the live forum took that socket: one for the page, not two
	expect(sockets).toHaveLength(1);
	expect(sockets[0]).toContain('/socket.io/');
});

/** The English of messages that only other pages show: the sign-in page's, the set-up page's. */
const OTHER_PAGES_WORDS = (() => {
	const en = JSON.parse(readFileSync('messages/en.json', 'utf8')) as Record<string, string>;
	return [en.sign_in_lead, en.password_change_lead, en.setup_title];
})();

test('the delegate’s view loads its code in a few files, none of them another page’s', async ({
	browser
}) => {
	const delegate = await signedIn(browser, server.current.url, 'fra.delegate@wtpf.demo');
	// a load of the forum page itself (signing in came through the sign-in page's code)
	await delegate.reload();
	await expect(delegate.getByTestId('connection')).toHaveText('Live');
	const scripts = await delegate.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((entry) => new URL(entry.name).pathname)
			.filter((path) => path.startsWith('/_app/immutable/') && path.endsWith('.js'))
	);
	// SvelteKit's two entries, the view's chunk, the pages' two nodes, a helper or two: not the 33
	// files of Rolldown's own splitting (src/lib/view-chunk.vite.ts)
	expect(scripts.length, scripts.join('\n')).toBeLessThanOrEqual(8);
	// the page's own files and the chunk they share: nothing loaded for the sign-in page
	const nodes = scripts.filter((path) => path.startsWith('/_app/immutable/nodes/'));
	expect(nodes.length, nodes.join('\n')).toBeLessThanOrEqual(3);
	// the view's chunk, the largest, and it alone, asks V8 to compile all of it as it streams in
	// (COMPILE_HINT in src/lib/view-chunk.vite.ts)
	const files = await delegate.evaluate(
		({ paths, otherPages }) =>
			Promise.all(
				paths.map(async (path) => {
					const text = await (await fetch(path)).text();
					return {
						path,
						size: text.length,
						firstLine: text.split('\n', 1)[0],
						// eslint-disable-next-line no-control-regex
						notAscii: /[^\x00-\x7f]/.test(text),
						otherPages: otherPages.filter((words) => text.includes(words))
					};
				})
			),
		{ paths: scripts, otherPages: OTHER_PAGES_WORDS }
	);
	const largest = files.reduce((a, b) => (b.size > a.size ? b : a));
	expect(largest.firstLine).toBe(COMPILE_HINT);
	expect(files.filter((f) => f.firstLine === COMPILE_HINT).map((f) => f.path)).toEqual([
		largest.path
	]);
	// no other page's messages: Paraglide's barrel would take every message of the application into
	// the view's chunk (`namedMembers` in src/lib/view-chunk.vite.ts)
	expect(files.flatMap((f) => f.otherPages)).toEqual([]);
	// all ASCII: one character beyond it and the browser keeps and scans the whole script as
	// two-byte text (`charset` in vite.config.ts, BENCHMARKS.md note 40)
	expect(files.filter((f) => f.notAscii).map((f) => f.path)).toEqual([]);
	// the tab's icon is a PNG: an SVG one is rendered as a document of its own on the page's main
	// thread while it starts (BENCHMARKS.md, note 36)
	const icons = await delegate.evaluate(() =>
		[...document.querySelectorAll('link[rel~="icon"]')].map((l) => l.getAttribute('type'))
	);
	expect(icons).toEqual(['image/png']);
	// the page is not rendered until its whole document is parsed: one layout of the first screen,
	// not one for each piece the parser gives (src/app.html, BENCHMARKS.md note 49)
	const blocking = await delegate.evaluate(() => {
		const links = [...document.querySelectorAll('link[rel="expect"][blocking="render"]')];
		const marker = document.getElementById('plenary-parsed');
		return {
			hrefs: links.map((l) => l.getAttribute('href')),
			markerAfterThePage: marker?.previousElementSibling?.contains(document.getElementById('main')),
			markerEmpty: marker?.childNodes.length === 0 && marker.hidden
		};
	});
	expect(blocking).toEqual({
		hrefs: ['#plenary-parsed'],
		markerAfterThePage: true,
		markerEmpty: true
	});
});

test('what is typed into the sign-in form before the page’s code has run is kept', async ({
	browser
}) => {
	const context = await browser.newContext({ baseURL: server.current.url });
	const page = await context.newPage();
	// the page's code held back: the server-rendered form is all there is while the delegate types
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		await released;
		await route.continue();
	});
	await page.goto('/login', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('Email address').fill('fra.delegate@wtpf.demo');
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	release();
	await page.waitForLoadState('networkidle');
	// hydration kept both fields (it used to set the email back to the empty value it rendered)
	await expect(page.getByLabel('Email address')).toHaveValue('fra.delegate@wtpf.demo');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/forums\/wtpf-26$/, { timeout: 30_000 });
	await context.close();
});
