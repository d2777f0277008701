/**
 * The delegate's main view in Arabic (right to left) and in French: `lang` and `dir` on <html>,
 * the interface and the forum's own content translated, the layout mirrored in Arabic, the timer
 * readable, English content marked as such. Each run rewrites tests/screenshots/delegate-*.png
 * for a reviewer to open; they are not compared (fonts differ between machines).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { api, login, REPO_ROOT } from '../support/server';
import { DEMO_PASSWORD, must as mustGive, serverForThisFile, signedIn } from './support';

const server = serverForThisFile();
const FORUM = 'wtpf-26';
const SCREENSHOTS = join(REPO_ROOT, 'tests', 'screenshots');

/** The forum under item 8: a Chair, draft opinion 1 taken up, Brazil's speech paused. */
test.beforeAll(async () => {
	const url = server.current.url;
	const emails = ['sg@itu.demo', 'fra.head@wtpf.demo', 'bra.head@wtpf.demo', 'ken.head@wtpf.demo'];
	const cookies = new Map<string, string>();
	for (const email of emails) cookies.set(email, await login(url, email));
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
	await must('ken.head@wtpf.demo', 'agenda.open', { item: 8 });
	await must('ken.head@wtpf.demo', 'opinion.take_up', { opinion: 1 });
	for (const email of ['fra.head@wtpf.demo', 'bra.head@wtpf.demo']) {
		await must(email, 'presence.check_in');
	}
	await must('bra.head@wtpf.demo', 'floor.request', { item: 8, kind: 'statement' });
	await must('fra.head@wtpf.demo', 'floor.request', { item: 8, kind: 'statement' });
	const state = await api(url, cookies.get('ken.head@wtpf.demo')).get(`/api/forums/${FORUM}/state`);
	const brazil = state.body.state?.floor?.['8']?.requests?.find(
		(r: { participantId: string }) => r.participantId === 'p-bra-head'
	);
	await must('ken.head@wtpf.demo', 'floor.give', { item: 8, requestId: brazil.id });
	await must('ken.head@wtpf.demo', 'floor.pause', { item: 8 });
});

async function box(locator: Locator) {
	const b = await locator.boundingBox();
	expect(b, 'visible').not.toBeNull();
	return b!;
}

/** Opens the header's language menu: the boxes of its control and of the open list. */
async function openLanguageMenu(page: Page) {
	const menu = page.getByTestId('language-menu');
	await menu.locator('summary').click();
	await expect(menu.getByRole('link')).toHaveCount(6);
	return { control: await box(menu.locator('summary')), panel: await box(menu.locator('ul')) };
}

/** The delegate's main view in `locale`, live, at a landscape tablet's size. */
async function mainView(page: Page, locale: string) {
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto(`/${locale}/forums/${FORUM}`);
	await expect(page.getByTestId('connection')).toHaveClass(/\bonline\b/);
	await expect(page.getByTestId('countdown')).toHaveAttribute('data-state', 'paused');
}

test('the delegate’s main view in Arabic: right to left, mirrored, translated', async ({
	browser
}) => {
	const page = await signedIn(browser, server.current.url, 'fra.head@wtpf.demo');
	await mainView(page, 'ar');

	const html = page.locator('html');
	await expect(html).toHaveAttribute('lang', 'ar');
	await expect(html).toHaveAttribute('dir', 'rtl');

	// The interface and the forum's own content in Arabic.
	await expect(page.getByRole('heading', { name: 'جدول الأعمال' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'الآن' })).toBeVisible();
	await expect(page.getByTestId('agenda-item-8')).toContainText('النظر في مشاريع الآراء');
	await expect(page.getByTestId('agenda-item-1')).toContainText('مغلق');
	await expect(page.getByTestId('floor-panel')).toContainText('الكلمة — البند 8');
	await expect(page.getByTestId('consensus-panel')).toContainText('سد الفجوات الرقمية');
	await expect(page.getByTestId('my-requests')).toContainText('الترتيب 1');
	await expect(page.getByTestId('content-in-english')).toHaveCount(0);

	// Mirrored: the forum's title starts at the right edge of the header, the language menu opens
	// from its control's left edge (its inline end), and the page's first column (now, the floor)
	// is to the right of the agenda.
	const header = await box(page.locator('.forum-header'));
	const title = await box(page.locator('.forum-title'));
	expect(header.x + header.width - (title.x + title.width)).toBeLessThan(24);
	const { control, panel } = await openLanguageMenu(page);
	expect(Math.abs(panel.x - control.x)).toBeLessThan(2);
	await page.keyboard.press('Escape');
	const now = await box(page.locator('section.now'));
	const agenda = await box(page.locator('section.agenda'));
	expect(now.x).toBeGreaterThan(agenda.x + agenda.width - 1);

	// The timer reads left to right in Latin digits, with its state in Arabic.
	const digits = page.getByTestId('countdown-digits');
	await expect(digits).toHaveAttribute('dir', 'ltr');
	await expect(digits).toHaveText(/^\d+:\d\d$/);
	await expect(page.getByTestId('countdown')).toContainText('متوقف مؤقتاً');

	// Links keep the language.
	await expect(page.getByTestId('opinions-link')).toHaveAttribute('href', /^\/ar\//);

	mkdirSync(SCREENSHOTS, { recursive: true });
	await page.screenshot({ path: join(SCREENSHOTS, 'delegate-ar.png'), fullPage: true });

	// Draft opinion 1 has no Arabic text: its paragraphs are shown in English, marked as such.
	await page.getByTestId('opinions-link').click();
	await page.getByRole('link', { name: /مشروع الرأي 1/ }).click();
	await expect(page).toHaveURL(/\/ar\/forums\/wtpf-26\/opinions\/1$/);
	const paragraph = page.getByTestId('clean-text').locator('li').first();
	await expect(paragraph.locator('[lang="en"]')).toContainText('recognizing that');
	await expect(paragraph.getByTestId('content-in-english')).toHaveText('بالإنكليزية');
});

test('the delegate’s main view in French: left to right, translated', async ({ browser }) => {
	const page = await signedIn(browser, server.current.url, 'fra.head@wtpf.demo');
	await mainView(page, 'fr');

	const html = page.locator('html');
	await expect(html).toHaveAttribute('lang', 'fr');
	await expect(html).toHaveAttribute('dir', 'ltr');

	await expect(page.getByRole('heading', { name: 'Ordre du jour' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'En ce moment' })).toBeVisible();
	await expect(page.getByTestId('agenda-item-8')).toContainText("Examen des projets d'avis");
	await expect(page.getByTestId('agenda-item-1')).toContainText('clos');
	await expect(page.getByTestId('floor-panel')).toContainText('La parole — point 8');
	await expect(page.getByTestId('consensus-panel')).toContainText(
		'Réduire les fractures numériques'
	);
	await expect(page.getByRole('button', { name: 'Demander la parole' })).toBeVisible();
	await expect(page.getByTestId('countdown')).toContainText('en pause');

	// Not mirrored: the title at the left edge, the language menu opening from its control's right
	// edge, the page's first column left of the agenda.
	const header = await box(page.locator('.forum-header'));
	const title = await box(page.locator('.forum-title'));
	expect(title.x - header.x).toBeLessThan(24);
	const { control, panel } = await openLanguageMenu(page);
	expect(Math.abs(panel.x + panel.width - (control.x + control.width))).toBeLessThan(2);
	await page.keyboard.press('Escape');
	const now = await box(page.locator('section.now'));
	const agenda = await box(page.locator('section.agenda'));
	expect(now.x + now.width).toBeLessThan(agenda.x + 1);

	mkdirSync(SCREENSHOTS, { recursive: true });
	await page.screenshot({ path: join(SCREENSHOTS, 'delegate-fr.png'), fullPage: true });

	// Draft opinion 1 has a French text: no English shown, nothing marked.
	await page.getByTestId('opinions-link').click();
	await page.getByRole('link', { name: /Projet d'avis 1/ }).click();
	await expect(page).toHaveURL(/\/fr\/forums\/wtpf-26\/opinions\/1$/);
	const paragraph = page.getByTestId('clean-text').locator('li').first();
	await expect(paragraph.locator('[lang="fr"]')).toContainText('reconnaissant');
	await expect(page.getByTestId('content-in-english')).toHaveCount(0);
});

test('the language chosen is kept while navigating and remembered for the next sign-in', async ({
	browser
}) => {
	const page = await signedIn(browser, server.current.url, 'fra.delegate@wtpf.demo');
	await openLanguageMenu(page);
	await page.getByRole('link', { name: 'Français' }).click();
	await expect(page).toHaveURL(/\/fr\/forums\/wtpf-26$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

	// Links inside the app keep the language.
	await page.getByTestId('opinions-link').click();
	await expect(page).toHaveURL(/\/fr\/forums\/wtpf-26\/opinions$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText("Projets d'avis");

	// Signed out, the sign-in page (whose address says no language) opens in French, and so
	// does the forum after signing in again.
	await page.getByRole('button', { name: 'Se déconnecter' }).click();
	await expect(page).toHaveURL(/\/fr\/login$/);
	await page.getByLabel('Adresse électronique').fill('fra.delegate@wtpf.demo');
	await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await expect(page).toHaveURL(/\/fr\/forums\/wtpf-26$/);

	// Choosing English is remembered too.
	await openLanguageMenu(page);
	await page.getByRole('link', { name: 'English' }).click();
	await expect(page).toHaveURL(/\/forums\/wtpf-26$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	// left at once, before the page's code has run: the page itself wrote the language down
	// (`rememberLocale`, src/lib/server/locale.ts; the page's runtime alone raced this in CI)
	await page.goto('/login');
	await expect(page).toHaveURL(/\/forums\/wtpf-26$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the header’s language menu: closed it names the language in use; open, all six in their own script; Escape or a click elsewhere closes it', async ({
	browser
}) => {
	const page = await signedIn(browser, server.current.url, 'fra.delegate@wtpf.demo');
	await page.goto(`/fr/forums/${FORUM}`);
	const menu = page.getByTestId('language-menu');
	const control = menu.locator('summary');
	await expect(control).toHaveText(/Français/);
	await expect(control).toHaveAccessibleName(/^Langue\s*:?\s*Français$/);
	// closed: the other languages are not shown (nor laid out)
	await expect(menu.getByRole('link', { name: 'العربية' })).toBeHidden();

	// From the keyboard: the control opens it, Escape closes it and leaves the focus on it.
	await control.focus();
	await page.keyboard.press('Enter');
	for (const [name, lang] of [
		['English', 'en'],
		['Français', 'fr'],
		['Español', 'es'],
		['العربية', 'ar'],
		['中文', 'zh'],
		['Русский', 'ru']
	]) {
		await expect(menu.getByRole('link', { name })).toHaveAttribute('lang', lang);
	}
	await expect(menu.getByRole('link', { name: 'Français' })).toHaveAttribute(
		'aria-current',
		'true'
	);
	await page.keyboard.press('Escape');
	await expect(menu.getByRole('link', { name: 'English' })).toBeHidden();
	await expect(control).toBeFocused();

	// A click anywhere else closes it too.
	await control.click();
	await expect(menu.getByRole('link', { name: 'English' })).toBeVisible();
	await page.getByRole('heading', { name: 'Ordre du jour' }).click();
	await expect(menu.getByRole('link', { name: 'English' })).toBeHidden();
});
