/**
 * Page weight and speed of the delegate's main view, in Chromium (Debian's, as the e2e tests use),
 * with the CPU slowed 4× through the DevTools protocol, on a fresh profile each time (first load,
 * nothing cached). "Usable": the agenda is on screen and the connection badge says "Live" (the
 * page is hydrated, its socket connected and synced). Sizes: every script and style sheet the
 * page loaded, gzipped here (level 9) so the figure does not depend on how the server compresses.
 */
import { chromium } from 'playwright';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** Records, inside the page, the moment it becomes usable (no polling from outside). */
function watchUsable() {
	// The badge first: until it says "Live" nothing else is asked, so the probe never forces a
	// layout while the browser is still parsing the document (it did, on every mutation, and added
	// its own cost to what it measured).
	const usable = () => {
		const badge = document.querySelector('[data-testid="connection"]');
		if (badge?.textContent?.trim() !== 'Live') return false;
		const agenda = document.querySelector('[data-testid="agenda-item-1"]');
		return agenda !== null && agenda.getBoundingClientRect().height > 0;
	};
	const observer = new MutationObserver(() => {
		if (window.__usableAt === undefined && usable()) {
			window.__usableAt = performance.now();
			observer.disconnect();
			window.__onUsable?.();
		}
	});
	observer.observe(document, {
		childList: true,
		subtree: true,
		characterData: true,
		attributes: true
	});
}

/**
 * @param profileDir when set, the page's main-thread CPU profile of each load, from navigation to
 *   usable, is written there as page-<run>.cpuprofile (bench/profile-summary.mjs reads it)
 */
export async function measurePage({ url, path, token, runs, throttle = 4, profileDir = null }) {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS
	});
	const results = [];
	try {
		for (let run = 0; run < runs; run++) {
			const context = await browser.newContext();
			const { hostname } = new URL(url);
			await context.addCookies([
				{
					name: 'plenary_session',
					value: token,
					domain: hostname,
					path: '/',
					httpOnly: true,
					sameSite: 'Lax'
				}
			]);
			const page = await context.newPage();
			const cdp = await context.newCDPSession(page);
			await cdp.send('Network.enable');
			await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
			await page.addInitScript(watchUsable);
			const assets = [];
			page.on('response', (response) => {
				const type = response.request().resourceType();
				if (type === 'script' || type === 'stylesheet' || type === 'document') {
					assets.push(
						response
							.body()
							.then((body) => ({
								type,
								url: response.url(),
								raw: body.length,
								gzip: gzipSync(body, { level: 9 }).length
							}))
							.catch(() => null)
					);
				}
			});
			if (profileDir) {
				await cdp.send('Profiler.enable');
				await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
				await cdp.send('Profiler.start');
			}
			await page.goto(url + path, { waitUntil: 'commit' });
			// A promise inside the page, not Playwright's waitForFunction: that one injects and runs
			// Playwright's own script in the page (about 120 ms of the throttled main thread) and
			// polls, which the page being measured then pays for.
			await page.evaluate(
				() =>
					new Promise((resolve, reject) => {
						if (window.__usableAt !== undefined) return resolve();
						window.__onUsable = resolve;
						setTimeout(() => reject(new Error('not usable within 60 s')), 60_000);
					})
			);
			if (profileDir) {
				const { profile } = await cdp.send('Profiler.stop');
				mkdirSync(profileDir, { recursive: true });
				writeFileSync(join(profileDir, `page-${run}.cpuprofile`), JSON.stringify(profile));
			}
			const timing = await page.evaluate(() => {
				const nav = performance.getEntriesByType('navigation')[0];
				const scripts = performance
					.getEntriesByType('resource')
					.filter((r) => r.initiatorType === 'script' || r.initiatorType === 'link');
				return {
					usableMs: window.__usableAt,
					responseStartMs: nav?.responseStart ?? NaN,
					responseEndMs: nav?.responseEnd ?? NaN,
					domInteractiveMs: nav?.domInteractive ?? NaN,
					domContentLoadedMs: nav?.domContentLoadedEventEnd ?? NaN,
					assetsLoadedMs: Math.max(0, ...scripts.map((r) => r.responseEnd))
				};
			});
			await page.waitForLoadState('load');
			const loaded = (await Promise.all(assets)).filter(Boolean);
			const sum = (type, key) =>
				loaded.filter((a) => a.type === type).reduce((s, a) => s + a[key], 0);
			results.push({
				...timing,
				jsGzip: sum('script', 'gzip'),
				jsRaw: sum('script', 'raw'),
				jsFiles: loaded.filter((a) => a.type === 'script').length,
				cssGzip: sum('stylesheet', 'gzip'),
				cssRaw: sum('stylesheet', 'raw'),
				cssFiles: loaded.filter((a) => a.type === 'stylesheet').length,
				htmlGzip: sum('document', 'gzip'),
				htmlRaw: sum('document', 'raw'),
				largest: loaded
					.filter((a) => a.type !== 'document')
					.sort((a, b) => b.gzip - a.gzip)
					.slice(0, 3)
					.map((a) => `${a.url.split('/').pop()} ${a.gzip} B`)
			});
			await context.close();
		}
	} finally {
		await browser.close();
	}
	return results;
}
