/**
 * A deployed new build shows the update prompt: the server runs from a copy of build/; once the
 * page is controlled by the service worker, a new build is deployed there (a new sw.js: another
 * precache revision, and a way to ask it which build it is) and the server restarted. The tablet
 * finds the new worker waiting, says "a new version is ready", and does not reload until the
 * delegate accepts; accepting reloads it onto the new version.
 */
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { REPO_ROOT, startServer, type TestServer } from '../support/server';
import { signedIn } from './support';

let deployed: string;
let server: TestServer;

test.beforeAll(async () => {
	deployed = mkdtempSync(join(tmpdir(), 'plenary-deploy-'));
	cpSync(join(REPO_ROOT, 'build'), join(deployed, 'build'), { recursive: true });
	for (const file of ['server.js', 'package.json']) {
		cpSync(join(REPO_ROOT, file), join(deployed, file));
	}
	symlinkSync(join(REPO_ROOT, 'node_modules'), join(deployed, 'node_modules'), 'dir');
	server = await startServer({ cwd: deployed });
});

test.afterAll(async () => {
	await server?.stop();
	if (deployed) rmSync(deployed, { recursive: true, force: true });
});

/**
 * The next build, as a deploy would bring it: the offline page's precache revision changed, and
 * the worker answers which build it is. Written with the compressed copies the server prefers.
 */
function deployNextBuild(): void {
	const file = join(deployed, 'build', 'client', 'sw.js');
	const current = readFileSync(file, 'utf8');
	const next =
		current.replace(/(\{url:"offline",revision:")[0-9a-f]+"/, '$1next-build"') +
		'\nself.addEventListener("message",e=>{e.data==="plenary:build"&&e.ports[0]&&e.ports[0].postMessage("next")});\n';
	expect(next).toContain('revision:"next-build"');
	writeFileSync(file, next);
	writeFileSync(`${file}.br`, brotliCompressSync(next));
	writeFileSync(`${file}.gz`, gzipSync(next));
}

/** Which build the worker controlling the page says it is (only the next build answers). */
function controllingBuild(page: Page): Promise<string> {
	return page.evaluate(
		() =>
			new Promise<string>((resolve) => {
				const channel = new MessageChannel();
				channel.port1.onmessage = (event) => resolve(String(event.data));
				navigator.serviceWorker.controller!.postMessage('plenary:build', [channel.port2]);
			})
	);
}

/** The registration's workers as the page sees them. */
function workers(page: Page) {
	return page.evaluate(async () => {
		const registration = await navigator.serviceWorker.getRegistration();
		const controller = navigator.serviceWorker.controller;
		return {
			controlled: controller !== null,
			controlledByActive: controller !== null && controller === registration?.active,
			waiting: registration?.waiting?.state ?? null
		};
	});
}

test('a deployed new build shows the update prompt, and reloads only when the delegate accepts', async ({
	browser
}) => {
	test.slow();
	const page = await signedIn(browser, server.url, 'fra.head@wtpf.demo');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await expect(page.getByTestId('connection')).toHaveText('Live');
	expect(await workers(page)).toEqual({
		controlled: true,
		controlledByActive: true,
		waiting: null
	});
	await expect(page.getByTestId('update-prompt')).toHaveCount(0);

	// A new build is deployed and the server restarted on it; the tablet checks for an update.
	deployNextBuild();
	await server.restart();
	await expect(page.getByTestId('connection')).toHaveText('Live', { timeout: 30_000 });
	await page.evaluate(() => {
		(window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
	});
	await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.getRegistration();
		await registration!.update();
	});

	// The prompt appears; the new worker waits; the page has not reloaded and the old one serves it.
	const prompt = page.getByTestId('update-prompt');
	await expect(prompt).toContainText('A new version of Plenary is ready.', { timeout: 30_000 });
	expect(await workers(page)).toEqual({
		controlled: true,
		controlledByActive: true,
		waiting: 'installed'
	});
	expect(await page.evaluate(() => 'beforeUpdate' in window)).toBe(true);

	// "Later" leaves the page as it is.
	await prompt.getByRole('button', { name: 'Later' }).click();
	await expect(prompt).toHaveCount(0);
	expect(await page.evaluate(() => 'beforeUpdate' in window)).toBe(true);

	// The next check finds the same worker waiting and asks again; accepting reloads onto it.
	await page.reload();
	await expect(prompt).toBeVisible({ timeout: 30_000 });
	expect((await workers(page)).waiting).toBe('installed');
	await page.evaluate(() => {
		(window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
	});
	const reloaded = page.waitForEvent('load');
	await prompt.getByRole('button', { name: 'Reload now' }).click();
	await reloaded;
	await expect(page.getByTestId('connection')).toHaveText('Live', { timeout: 30_000 });
	expect(await page.evaluate(() => 'beforeUpdate' in window)).toBe(false);
	expect(await controllingBuild(page)).toBe('next');
	await expect(page.getByTestId('update-prompt')).toHaveCount(0);
});
