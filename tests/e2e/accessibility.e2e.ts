/**
 * Accessibility (WCAG 2.2 AA), as a browser and a screen reader meet it. The tests of this file
 * run in order on one forum, which moves on from one to the next:
 * - axe-core on every page, in English and in Arabic (right to left), in the light and the dark
 *   scheme: no serious or critical violation (every violation found is printed);
 * - the live regions of the forum page say when an item opens, who has the floor, when a
 *   consensus check opens and how it ends; the speech countdown is in no live region;
 * - tablets (768–1366 px, portrait and landscape): no sideways scrolling, touch targets of at
 *   least 44 × 44 px, Arabic mirrored; the Chair's console on a laptop (1280 × 800).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { api, DEMO_FORUM as FORUM, login } from '../support/server';
import { must, serverForThisFile, signedIn } from './support';

const server = serverForThisFile();

type Client = ReturnType<typeof api>;
type Locale = 'en' | 'ar';
type Scheme = 'light' | 'dark';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// A colour scheme changes colours only: in the dark scheme, only the rules about colour run.
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
const LOCALES: Locale[] = ['en', 'ar'];
const SCHEMES: Scheme[] = ['light', 'dark'];
const PAGE = `/forums/${FORUM}`;

// One sign-in per account for the whole file (argon2 is slow on a busy machine), through the API
// for commands and through the sign-in page for screens; a worker that starts again after a
// failure starts a new server, and these with it.
const clients = new Map<string, Client>();
const screens = new Map<string, Page>();

async function as(email: string): Promise<Client> {
	let client = clients.get(email);
	if (!client) {
		client = api(server.current.url, await login(server.current.url, email));
		clients.set(email, client);
	}
	return client;
}

/** The account's forum page, signed in through the sign-in page once, then reused. */
async function screenOf(browser: Browser, email: string): Promise<Page> {
	let page = screens.get(email);
	if (!page) {
		page = await signedIn(browser, server.current.url, email);
		screens.set(email, page);
	}
	return page;
}

/** The forum as the server keeps it (the secretariat's view: everything public). */
async function forumState() {
	const reply = await (await as('sg@itu.demo')).get(`/api/forums/${FORUM}/state`);
	expect(reply.status).toBe(200);
	return reply.body.state;
}

const EMAILS: Record<string, string> = {
	'p-sg': 'sg@itu.demo',
	'p-ken-head': 'ken.head@wtpf.demo'
};

/**
 * Someone speaking on the open item, and someone waiting: where the tests before left the forum,
 * or, in a fresh forum (a worker started again after a failure), the forum opened, item 1 open,
 * Brazil's head given the floor and France's head waiting.
 */
async function floorInUse() {
	let forum = await forumState();
	const officer = await as(EMAILS[forum.chairId ?? 'p-sg']);
	if (forum.phase === 'preparation') await must(officer, 'forum.open');
	if (forum.currentItem === null) await must(officer, 'agenda.open', { item: 1 });
	forum = await forumState();
	const item = forum.currentItem;
	if (!forum.floor[item]?.current) {
		await must(await as('bra.head@wtpf.demo'), 'floor.request', { item, kind: 'statement' });
		forum = await forumState();
		const request = forum.floor[item].requests.find(
			(r: { participantId: string }) => r.participantId === 'p-bra-head'
		);
		await must(officer, 'floor.give', { item, requestId: request.id });
	}
	if (forum.floor[item].requests.length === 0) {
		await must(await as('fra.head@wtpf.demo'), 'floor.request', { item, kind: 'statement' });
	}
}

/** The address of a page in a language: English has no prefix, Arabic is under /ar. */
function inLocale(path: string, locale: Locale): string {
	return locale === 'en' ? path : `/${locale}${path}`;
}

/** What axe found on one page: every violation, one paragraph each, and the serious ones. */
interface Audit {
	page: string;
	lines: string[];
	blocking: number;
}

/** Every audit of the file, for the summary printed at the end. */
const everyAudit: Audit[] = [];

async function audit(page: Page, label: string, scheme: Scheme): Promise<Audit> {
	const builder = new AxeBuilder({ page });
	const result = await (
		scheme === 'light' ? builder.withTags(WCAG_TAGS) : builder.withRules(COLOUR_RULES)
	).analyze();
	const lines = result.violations.map(
		(v) =>
			`${label}: [${v.impact}] ${v.id} (${v.nodes.length}): ${v.help}\n` +
			v.nodes
				.slice(0, 5)
				.map((n) => `      ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`)
				.join('\n')
	);
	const blocking = result.violations.filter(
		(v) => v.impact === 'serious' || v.impact === 'critical'
	).length;
	const done = { page: label, lines, blocking };
	console.log(lines.length ? lines.join('\n') : `${label}: no violation`);
	everyAudit.push(done);
	return done;
}

interface PageToAudit {
	name: string;
	path: string;
	/** waits until the page is there: hydrated, and live where it is live */
	ready?: (page: Page) => Promise<void>;
	/** runs before the page is visited in `locale` */
	before?: (page: Page, locale: Locale) => Promise<void>;
}

/** Visits each page in each language and scheme, audits it; fails on a serious violation. */
async function auditEach(page: Page, pages: PageToAudit[]) {
	const audits: Audit[] = [];
	for (const scheme of SCHEMES) {
		await page.emulateMedia({ colorScheme: scheme });
		for (const locale of LOCALES) {
			for (const p of pages) {
				// The language the person chose last (an address without a prefix opens in it).
				await page
					.context()
					.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: server.current.url }]);
				await p.before?.(page, locale);
				await page.goto(inLocale(p.path, locale));
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
				await p.ready?.(page);
				audits.push(await audit(page, `${p.name} (${locale}, ${scheme})`, scheme));
			}
		}
	}
	expect(
		audits.filter((a) => a.blocking > 0).map((a) => a.page),
		'pages with serious or critical violations'
	).toEqual([]);
}

const live = async (page: Page) => {
	await expect(page.getByTestId('connection')).toHaveClass(/\bonline\b/, { timeout: 30_000 });
};

async function newPage(browser: Browser): Promise<Page> {
	return (await browser.newContext({ baseURL: server.current.url })).newPage();
}

/** The element's nearest live region (an aria-live other than "off", or a live role), if any. */
function liveRegionAround(locator: Locator) {
	return locator.evaluate((el) => {
		const region = el.closest(
			'[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"], [role="marquee"]'
		);
		return region ? region.outerHTML.slice(0, 120) : null;
	});
}

test.afterAll(() => {
	const violations = everyAudit.reduce((n, a) => n + a.lines.length, 0);
	const blocking = everyAudit.reduce((n, a) => n + a.blocking, 0);
	console.log(
		`axe: ${everyAudit.length} page audits, ${violations} violations, ${blocking} serious or critical`
	);
});

test('axe: the sign-in page, and the setup page while the forum is in preparation', async ({
	browser
}) => {
	test.setTimeout(300_000);
	await auditEach(await newPage(browser), [{ name: 'login', path: '/login' }]);
	const secretariat = await screenOf(browser, 'secretariat@itu.demo');
	await auditEach(secretariat, [{ name: 'setup', path: `${PAGE}/setup` }]);
});

test('live regions say that an item opened and who has the floor; the countdown is not in one', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const officer = await screenOf(browser, 'sg@itu.demo');
	const tablet = await screenOf(browser, 'fra.head@wtpf.demo');
	for (const page of [officer, tablet]) {
		await page.goto(PAGE);
		await live(page);
	}
	const announcer = tablet.getByTestId('announcer');
	// Regions present from the start, empty: what the page loaded with is not news.
	await expect(announcer).toHaveAttribute('aria-live', 'polite');
	await expect(announcer).toHaveText('');
	await expect(tablet.getByTestId('announcer-assertive')).toHaveAttribute('aria-live', 'assertive');

	// The opening officer opens the forum and item 1 from the console.
	await officer.getByRole('button', { name: 'Open the forum' }).click();
	await expect(announcer).toHaveText('The forum is open.');
	await officer.getByRole('button', { name: 'Open the next item (1)' }).click();
	await expect(announcer).toHaveText('Item 1 is open: Opening of the Forum.');
	await expect(officer.getByTestId('announcer')).toHaveText(
		'Item 1 is open: Opening of the Forum.'
	);

	// France asks for the floor; the officer gives it.
	await must(await as('fra.head@wtpf.demo'), 'floor.request', { item: 1, kind: 'statement' });
	await officer.getByRole('button', { name: 'Give the floor to Claire Dubois' }).click();
	await expect(announcer).toHaveText('Claire Dubois (France) has the floor.');

	// The countdown ticks on both screens, in no live region: it is a timer, not announced.
	for (const page of [tablet, officer]) {
		const countdown = page.getByTestId('countdown');
		await expect(countdown).toHaveAttribute('role', 'timer');
		await expect(countdown).toHaveAttribute('aria-live', 'off');
		expect(await liveRegionAround(countdown)).toBeNull();
	}
	// Ticking does not touch the announcement.
	const before = await announcer.textContent();
	await expect
		.poll(() => tablet.getByTestId('countdown-digits').textContent(), { timeout: 5_000 })
		.not.toBe(await tablet.getByTestId('countdown-digits').textContent());
	expect(await announcer.textContent()).toBe(before);

	// The same in Arabic: the sentence in Arabic, the number isolated from the right-to-left text.
	await tablet.goto(`/ar${PAGE}`);
	await live(tablet);
	await must(await as('bra.head@wtpf.demo'), 'floor.request', { item: 1, kind: 'point_of_order' });
	await officer.getByRole('button', { name: 'End the speech' }).click();
	await officer.getByTestId('next-speaker').click();
	await expect(tablet.getByTestId('announcer')).toContainText('Mariana Albuquerque');
	await expect(tablet.getByTestId('announcer')).toContainText('الكلمة');
});

test('axe: the room display', async ({ browser }) => {
	test.setTimeout(300_000);
	await floorInUse();
	const link = await (
		await as('secretariat@itu.demo')
	).post(`/api/forums/${FORUM}/display-links`, { label: 'Hall' });
	expect(link.status).toBe(200);
	const display = new URL(link.body.url);
	await auditEach(await newPage(browser), [
		{
			name: 'display',
			path: display.pathname + display.search,
			ready: async (page) => {
				await expect(page.getByTestId('display-speaker')).toBeVisible();
			}
		}
	]);
});

test('axe: a delegate’s forum page and the draft opinions', async ({ browser }) => {
	test.setTimeout(600_000);
	await floorInUse();
	await auditEach(await screenOf(browser, 'fra.head@wtpf.demo'), [
		{ name: 'forum (delegate)', path: PAGE, ready: live },
		{ name: 'opinions', path: `${PAGE}/opinions`, ready: live },
		{ name: 'opinion 1', path: `${PAGE}/opinions/1`, ready: live }
	]);
});

test('axe: the SG’s report and the outcome documents, as a delegate', async ({ browser }) => {
	test.setTimeout(600_000);
	await floorInUse();
	await auditEach(await screenOf(browser, 'fra.head@wtpf.demo'), [
		{ name: 'report', path: `${PAGE}/report`, ready: live },
		{ name: 'outcome: report', path: `${PAGE}/outcome/report` },
		{ name: 'outcome: opinions', path: `${PAGE}/outcome/opinions` }
	]);
});

test('axe: the offline page, filled from what the delegate’s device kept', async ({ browser }) => {
	test.setTimeout(600_000);
	await floorInUse();
	const delegate = await screenOf(browser, 'fra.head@wtpf.demo');
	// What a navigation gets offline, filled from what this device kept of the forum, in the
	// language it was read in. The page reloads itself once the server answers: here it does not.
	await auditEach(delegate, [
		{
			name: 'offline',
			path: '/offline',
			before: async (page, locale) => {
				await page.unroute('**/api/me');
				await page.goto(inLocale(PAGE, locale));
				await live(page);
				await expect
					.poll(() =>
						page.evaluate(() =>
							Object.keys(localStorage)
								.filter((k) => k.startsWith('plenary:forum:'))
								.map((k) => JSON.parse(localStorage.getItem(k) ?? '{}').reading?.lang)
						)
					)
					.toEqual([locale]);
				await page.route('**/api/me', (route) => route.abort());
			},
			ready: async (page) => {
				await expect(page.getByTestId('offline-agenda')).toBeVisible();
			}
		}
	]);
	await delegate.unroute('**/api/me');
});

test('axe: the opening officer’s console, the secretariat’s forum page and the history', async ({
	browser
}) => {
	test.setTimeout(600_000);
	await floorInUse();
	await auditEach(await screenOf(browser, 'sg@itu.demo'), [
		{ name: 'forum (opening officer’s console)', path: PAGE, ready: live }
	]);
	await auditEach(await screenOf(browser, 'secretariat@itu.demo'), [
		{ name: 'forum (secretariat)', path: PAGE, ready: live },
		{ name: 'history', path: `${PAGE}/history` }
	]);
});

/**
 * The focused element's ring: its style and width, and its contrast with what is behind it (the
 * first ancestor with a background), as WCAG computes contrast.
 */
function focusRing(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement;
		const style = getComputedStyle(el);
		const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
		let behind = el.parentElement;
		while (behind && rgb(getComputedStyle(behind).backgroundColor)[3] === 0) {
			behind = behind.parentElement;
		}
		const luminance = (c: string) => {
			const [r, g, b] = rgb(c).map((v) => {
				const x = v / 255;
				return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
			});
			return 0.2126 * r + 0.7152 * g + 0.0722 * b;
		};
		const [a, b] = [
			luminance(style.outlineColor),
			luminance(getComputedStyle(behind ?? document.body).backgroundColor)
		];
		return {
			element: `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"`,
			style: style.outlineStyle,
			width: parseFloat(style.outlineWidth),
			contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
		};
	});
}

test('keyboard: a skip link first, then the page; a focus ring that shows in the header and the page, light and dark', async ({
	browser
}) => {
	test.setTimeout(180_000);
	await floorInUse();
	const delegate = await screenOf(browser, 'fra.head@wtpf.demo');
	for (const scheme of SCHEMES) {
		await delegate.emulateMedia({ colorScheme: scheme });
		await delegate.goto(PAGE);
		await live(delegate);
		// First Tab: the skip link, shown; Enter: the next Tab is in the page's <main>.
		await delegate.keyboard.press('Tab');
		const skip = delegate.locator('.skip-link');
		await expect(skip).toBeFocused();
		expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);
		await delegate.keyboard.press('Enter');
		await expect(delegate).toHaveURL(/#main$/);
		await delegate.keyboard.press('Tab');
		expect(await delegate.evaluate(() => document.activeElement?.closest('main')?.id)).toBe('main');
		const inPage = await focusRing(delegate);
		expect(inPage.style, `${scheme}: ${inPage.element}`).toBe('solid');
		expect(inPage.width).toBeGreaterThanOrEqual(2);
		expect(inPage.contrast, `${scheme}: ${inPage.element}`).toBeGreaterThanOrEqual(3);
		// In the header (the accent colour behind): Tab on to the sign-out button.
		await delegate.goto(PAGE);
		await live(delegate);
		const signOut = delegate.getByRole('button', { name: 'Sign out' });
		for (
			let presses = 0;
			presses < 20 && !(await signOut.evaluate((b) => b === document.activeElement));
			presses++
		) {
			await delegate.keyboard.press('Tab');
		}
		await expect(signOut).toBeFocused();
		const ring = await focusRing(delegate);
		expect(ring.style, `${scheme}: ${ring.element}`).toBe('solid');
		expect(ring.contrast, `${scheme}: ${ring.element}`).toBeGreaterThanOrEqual(3);
	}
	await delegate.emulateMedia({ colorScheme: 'light' });
});

/** Controls a finger must hit: buttons, fields, choices, the language and account links. */
const TARGETS =
	'button, select, input:not([type="radio"]):not([type="checkbox"]), textarea, label.choice, summary, header a, nav.languages a';

/** Every visible control smaller than 44 × 44 px, named. */
async function smallTargets(page: Page): Promise<string[]> {
	return page.locator(TARGETS).evaluateAll((elements) =>
		elements
			.map((el) => ({ el, box: el.getBoundingClientRect() }))
			.filter(({ el, box }) => box.width > 0 && getComputedStyle(el).visibility !== 'hidden')
			.filter(({ box }) => box.width < 44 || box.height < 44)
			.map(
				({ el, box }) =>
					`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`
			)
	);
}

/** How far the page scrolls sideways (0: it fits the screen). */
const sideways = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('tablets: touch targets of 44 px, no sideways scrolling in either orientation, Arabic mirrored; the console on a laptop', async ({
	browser
}) => {
	test.setTimeout(300_000);
	await floorInUse();
	const delegate = await screenOf(browser, 'fra.head@wtpf.demo');

	// The delegate's main view on a 768 × 1024 tablet, with the floor form showing.
	await delegate.setViewportSize({ width: 768, height: 1024 });
	await delegate.reload();
	await live(delegate);
	const panel = delegate.getByTestId('floor-panel');
	await expect(panel.getByRole('button', { name: 'Ask for the floor' })).toBeVisible();
	for (const name of ['Ask for the floor', 'Sign out']) {
		const box = await delegate.getByRole('button', { name }).boundingBox();
		expect.soft(box?.width, name).toBeGreaterThanOrEqual(44);
		expect.soft(box?.height, name).toBeGreaterThanOrEqual(44);
	}
	expect.soft(await smallTargets(delegate)).toEqual([]);

	for (const locale of LOCALES) {
		for (const [width, height] of [
			[768, 1024],
			[1024, 768],
			[1024, 1366],
			[1366, 1024]
		]) {
			await delegate.setViewportSize({ width, height });
			await delegate.goto(inLocale(PAGE, locale));
			await live(delegate);
			expect.soft(await sideways(delegate), `${locale} ${width}×${height}`).toBe(0);
			expect.soft(await smallTargets(delegate), `${locale} ${width}×${height}`).toEqual([]);
		}
	}

	// Arabic mirrors: an agenda item's number stands to the right of its title.
	await delegate.goto(inLocale(PAGE, 'ar'));
	const item = delegate.getByTestId('agenda-item-1');
	const number = await item.locator('.number').boundingBox();
	const title = await item.locator('.title').boundingBox();
	expect(number!.x).toBeGreaterThan(title!.x);

	// The presiding officer's console on a laptop and on a tablet.
	const officer = await screenOf(browser, 'sg@itu.demo');
	for (const [width, height] of [
		[1280, 800],
		[768, 1024]
	]) {
		await officer.setViewportSize({ width, height });
		await officer.reload();
		await live(officer);
		await expect(officer.getByTestId('floor-control')).toBeVisible();
		expect.soft(await sideways(officer), `console ${width}×${height}`).toBe(0);
		expect.soft(await smallTargets(officer), `console ${width}×${height}`).toEqual([]);
	}
});

test('live regions say a consensus check opened and its result; axe on the consensus screens', async ({
	browser
}) => {
	test.setTimeout(600_000);
	// From item 1 open: the Chair (Kenya's head) elected by acclamation, item 8 open, draft
	// opinion 1 taken up, each said on the tablet.
	await floorInUse();
	const sg = await as('sg@itu.demo');
	const kenya = await as('ken.head@wtpf.demo');
	const tablet = await screenOf(browser, 'fra.head@wtpf.demo');
	await tablet.goto(PAGE);
	await live(tablet);
	const announcer = tablet.getByTestId('announcer');
	await must(sg, 'agenda.close', { item: 1 });
	await must(sg, 'agenda.open', { item: 2 });
	await must(await as('fra.head@wtpf.demo'), 'election.nominate', { candidateId: 'p-ken-head' });
	await must(await as('bra.head@wtpf.demo'), 'election.second', { candidateId: 'p-ken-head' });
	await must(sg, 'election.declare_acclaimed');
	await expect(announcer).toHaveText('Wanjiru Kamau is elected Chair.');
	await must(kenya, 'agenda.close', { item: 2 });
	await must(kenya, 'agenda.open', { item: 8 });
	await expect(announcer).toHaveText('Item 8 is open: Consideration of draft opinions.');
	await must(kenya, 'opinion.take_up', { opinion: 1 });

	// The check opens: said at once (assertive), the tablet asks for objections.
	await must(kenya, 'opinion.check_consensus', { opinion: 1, seconds: 300 });
	await expect(tablet.getByTestId('announcer-assertive')).toHaveText(
		'Consensus check on draft opinion 1: are there any objections?'
	);
	await expect(tablet.getByTestId('consensus-check-prompt')).toBeVisible();

	// axe on the prompt and on the Chair's console during the check.
	const chair = await screenOf(browser, 'ken.head@wtpf.demo');
	await auditEach(tablet, [
		{
			name: 'forum (delegate, consensus check)',
			path: PAGE,
			ready: async (page) => {
				await live(page);
				await expect(page.getByTestId('consensus-check-prompt')).toBeVisible();
			}
		}
	]);
	await auditEach(chair, [
		{
			name: 'forum (Chair’s console, consensus check)',
			path: PAGE,
			ready: async (page) => {
				await live(page);
				await expect(page.getByTestId('consensus-check-chair')).toBeVisible();
			}
		}
	]);

	// The Chair declares consensus: the result, politely, in the reader's language.
	await tablet.goto(PAGE);
	await live(tablet);
	await must(kenya, 'opinion.declare_consensus', { opinion: 1 });
	await expect(tablet.getByTestId('announcer')).toHaveText(
		'Draft opinion 1 is adopted by consensus.'
	);
});
