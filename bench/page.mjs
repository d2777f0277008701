/**
 * Page weight and speed of the delegate's main view, in Chromium (Debian's, as the e2e tests use),
 * with the CPU slowed 4× through the DevTools protocol, in a fresh browser context each time (first
 * load, nothing cached). "Usable": the agenda is on screen and the connection badge says "Live"
 * (the page is hydrated, its socket connected and synced).
 *
 * The browser is driven over its own DevTools pipe, not through Playwright, and the page is given
 * nothing but the CPU throttling, the probe and, with --cpu-prof, the profiler: Playwright enables
 * DevTools' network domain on every page, which copies and decodes every response the page
 * receives, on the page's own throttled main thread (three decodes of the HTML in a trace instead
 * of one). A tablet has no DevTools attached; loaded both ways in turn, the same page was usable
 * after 3.3 s through Playwright and 2.6 s without it.
 *
 * Sizes: after each load, every script, style sheet and fetch the page's Resource Timing lists,
 * and the document, are fetched again from here (with the same cookie) and gzipped (level 9), so
 * the figure does not depend on how the server compresses.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
	'--disable-sync',
	'--remote-debugging-pipe'
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

/** Chromium on a DevTools pipe (fds 3 and 4, messages ended by a NUL): `send` and `close`. */
export function launchChromium() {
	const profile = mkdtempSync(join(tmpdir(), 'plenary-bench-chromium-'));
	const child = spawn(
		process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		[...CHROMIUM_ARGS, `--user-data-dir=${profile}`, 'about:blank'],
		{ stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] }
	);
	const [toBrowser, fromBrowser] = [child.stdio[3], child.stdio[4]];
	const pending = new Map();
	const listeners = new Map();
	let lastId = 0;
	let buffer = '';
	fromBrowser.on('data', (chunk) => {
		buffer += chunk.toString();
		for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
			const message = JSON.parse(buffer.slice(0, end));
			buffer = buffer.slice(end + 1);
			if (message.id === undefined) {
				for (const listener of listeners.get(message.method) ?? []) listener(message.params);
				continue;
			}
			const waiting = pending.get(message.id);
			if (!waiting) continue;
			pending.delete(message.id);
			if (message.error) waiting.reject(new Error(message.error.message));
			else waiting.resolve(message.result);
		}
	});
	const exited = new Promise((resolve) => child.once('exit', resolve));
	void exited.then(() => {
		for (const waiting of pending.values()) waiting.reject(new Error('Chromium exited'));
	});
	return {
		/** Calls `listener` with the params of each event `method` (any session). */
		on(method, listener) {
			listeners.set(method, [...(listeners.get(method) ?? []), listener]);
			return () =>
				listeners.set(
					method,
					(listeners.get(method) ?? []).filter((l) => l !== listener)
				);
		},
		send(method, params = {}, sessionId) {
			return new Promise((resolve, reject) => {
				const id = ++lastId;
				pending.set(id, { resolve, reject });
				toBrowser.write(JSON.stringify({ id, method, params, sessionId }) + '\0');
			});
		},
		async close() {
			await this.send('Browser.close').catch(() => {});
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
			child.kill('SIGKILL');
			rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
		}
	};
}

/**
 * Loads each target in turn, `runs` times (A, B, A, B, …: a noisy machine disturbs both alike),
 * each time in a fresh browser context, after one load of each that is not counted. Returns the
 * loads by target name, and the browser's version (the page's figures depend on it).
 *
 * @param targets [{ name, url, path, token }]: token, when set, is the session cookie
 * @param profileDir when set, the page's main-thread CPU profile of each load, from navigation to
 *   usable, is written there as page-<name>-<run>.cpuprofile (bench/profile-summary.mjs reads it)
 * @param traceDir when set, Chromium's own trace of each load (the categories of DevTools'
 *   performance panel), from navigation to usable, is written there as page-<name>-<run>.json
 *   (bench/trace-summary.mjs reads it; DevTools' performance panel opens it)
 */
export async function measurePage({
	targets,
	runs,
	throttle = 4,
	profileDir = null,
	traceDir = null
}) {
	const browser = launchChromium();
	const results = Object.fromEntries(targets.map((t) => [t.name, []]));
	let version = 'unknown';
	try {
		version = (await browser.send('Browser.getVersion')).product;
		// One load of each first, not counted: the first request after a server starts measures
		// Node compiling its rendering path (the HTML came after 0.9 s rather than 0.1 s), which a
		// room's tablets, coming to a server that has served others, do not see.
		for (const target of targets) {
			await loadOnce(browser, target, { run: -1, throttle, profileDir: null, traceDir: null });
		}
		for (let run = 0; run < runs; run++) {
			for (const target of targets) {
				const { resources, ...load } = await loadOnce(browser, target, {
					run,
					throttle,
					profileDir,
					traceDir
				});
				results[target.name].push({ ...load, ...(await sizesOf(resources, target)) });
			}
		}
	} finally {
		await browser.close();
	}
	return { byTarget: results, browser: version };
}

/**
 * A fresh browser context (with the session cookie when `token` is set) and a blank page in it,
 * its CPU slowed `throttle` times and the usable probe installed: the page's DevTools call.
 */
async function openTarget(browser, { url, token }, throttle) {
	const { browserContextId } = await browser.send('Target.createBrowserContext', {
		disposeOnDetach: true
	});
	if (token) {
		await browser.send('Storage.setCookies', {
			browserContextId,
			cookies: [{ name: 'plenary_session', value: token, url, httpOnly: true, sameSite: 'Lax' }]
		});
	}
	const { targetId } = await browser.send('Target.createTarget', {
		url: 'about:blank',
		browserContextId
	});
	const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true });
	const page = (method, params) => browser.send(method, params, sessionId);
	await page('Page.enable');
	await page('Emulation.setCPUThrottlingRate', { rate: throttle });
	await page('Page.addScriptToEvaluateOnNewDocument', { source: `(${watchUsable})()` });
	return { browserContextId, targetId, page };
}

/**
 * Opens `url + path` as `measurePage` loads it (a fresh context, the CPU slowed `throttle` times)
 * and waits until it is usable and has settled: for measurements of a page at work after its
 * first load (bench/tablet.mjs). Returns the page's DevTools call and `close()`.
 */
export async function openUsable(browser, target, throttle = 4) {
	const { browserContextId, targetId, page } = await openTarget(browser, target, throttle);
	await page('Page.navigate', { url: target.url + target.path });
	await untilUsable(page);
	await settled(page);
	return {
		page,
		async close() {
			await browser.send('Target.closeTarget', { targetId }).catch(() => {});
			await browser.send('Target.disposeBrowserContext', { browserContextId }).catch(() => {});
		}
	};
}

async function loadOnce(
	browser,
	{ name, url, path, token },
	{ run, throttle, profileDir, traceDir }
) {
	const { browserContextId, targetId, page } = await openTarget(browser, { url, token }, throttle);
	try {
		if (profileDir) {
			await page('Profiler.enable');
			await page('Profiler.setSamplingInterval', { interval: 200 });
			await page('Profiler.start');
		}
		const trace = traceDir ? await startTrace(page, browser) : null;
		await page('Page.navigate', { url: url + path });
		// A promise inside the page, not polling from here: the page being measured would pay for it.
		await untilUsable(page);
		if (trace) {
			mkdirSync(traceDir, { recursive: true });
			writeFileSync(join(traceDir, `page-${name}-${run}.json`), JSON.stringify(await trace.stop()));
		}
		if (profileDir) {
			const { profile } = await page('Profiler.stop');
			mkdirSync(profileDir, { recursive: true });
			writeFileSync(join(profileDir, `page-${name}-${run}.cpuprofile`), JSON.stringify(profile));
		}
		const measured = await settled(page);
		await browser.send('Target.closeTarget', { targetId });
		return measured;
	} finally {
		await browser.send('Target.disposeBrowserContext', { browserContextId }).catch(() => {});
	}
}

// What DevTools' performance panel records, less the screenshots; PLENARY_BENCH_TRACE_CATEGORIES
// (comma-separated) adds others, e.g. `fonts,disabled-by-default-fonts` for the font service.
const TRACE_CATEGORIES = [
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'v8.execute',
	'disabled-by-default-v8.compile',
	'blink.user_timing',
	'loading',
	'latencyInfo',
	...(process.env.PLENARY_BENCH_TRACE_CATEGORIES?.split(',') ?? [])
];

/** Starts tracing the page's target; `stop()` resolves with the trace's events. */
export async function startTrace(page, browser) {
	const events = [];
	const off = browser.on('Tracing.dataCollected', ({ value }) => {
		for (const event of value) events.push(event);
	});
	await page('Tracing.start', {
		transferMode: 'ReportEvents',
		traceConfig: { includedCategories: TRACE_CATEGORIES }
	});
	return {
		async stop() {
			const complete = new Promise((resolve) => {
				const done = browser.on('Tracing.tracingComplete', () => {
					done();
					resolve();
				});
			});
			await page('Tracing.end');
			await complete;
			off();
			return { traceEvents: events };
		}
	};
}

/** Waits in the page for the probe to see it usable (a promise of the page's own: no polling). */
function untilUsable(page) {
	return evaluate(
		page,
		`new Promise((resolve, reject) => {
			if (window.__usableAt !== undefined) return resolve(true);
			window.__onUsable = () => resolve(true);
			setTimeout(() => reject(new Error('not usable within 60 s')), 60000);
		})`
	);
}

/**
 * Once the page is usable: its timeline, and the resources it loaded once it has settled (its
 * `load` event, then no new resource for 1.5 s, at most 15 s). So its weight counts every script
 * of the first load, also those it asks for once it is idle (the service worker's registration
 * module), whether or not they came before it was usable.
 */
async function settled(page) {
	const measured = await evaluate(
		page,
		`new Promise((resolve) => {
			const until = performance.now() + 15000;
			let seen = -1;
			let quietSince = 0;
			const look = () => {
				const count = performance.getEntriesByType('resource').length;
				if (document.readyState !== 'complete' || count !== seen) {
					seen = count;
					quietSince = performance.now();
				}
				if (performance.now() - quietSince >= 1500 || performance.now() > until) resolve();
				else setTimeout(look, 250);
			};
			look();
		}).then(() => new Promise((resolve) => {
			// the largest paint is only told to an observer (buffered: what came before it too)
			new PerformanceObserver((list) => resolve(list.getEntries().at(-1).startTime))
				.observe({ type: 'largest-contentful-paint', buffered: true });
			setTimeout(() => resolve(NaN), 1000);
		})).then((largestPaintMs) => {
			const nav = performance.getEntriesByType('navigation')[0];
			const resources = performance.getEntriesByType('resource');
			// the timeline's figure: what the page had asked for by the time it was usable
			const loaded = resources.filter(
				(r) =>
					(r.initiatorType === 'script' || r.initiatorType === 'link') &&
					r.startTime < window.__usableAt
			);
			return JSON.stringify({
				usableMs: window.__usableAt,
				responseStartMs: nav.responseStart,
				responseEndMs: nav.responseEnd,
				domInteractiveMs: nav.domInteractive,
				// when the delegate first sees something of the page (the header, the agenda)
				firstPaintMs:
					performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
				largestPaintMs,
				domContentLoadedMs: nav.domContentLoadedEventEnd,
				assetsLoadedMs: Math.max(0, ...loaded.map((r) => r.responseEnd)),
				// the bytes the document and the snapshot took on the wire, as the server sent them
				htmlWire: nav.encodedBodySize,
				fetchedWire: resources
					.filter((r) => new URL(r.name).pathname.startsWith('/api/'))
					.reduce((total, r) => total + r.encodedBodySize, 0),
				resources: [location.href, ...resources.map((r) => r.name)]
			});
		})`
	);
	return JSON.parse(measured);
}

/** Evaluates `expression` (a promise) in the page, again while the navigation has not committed. */
async function evaluate(page, expression) {
	const deadline = Date.now() + 70_000;
	for (;;) {
		try {
			const { result, exceptionDetails } = await page('Runtime.evaluate', {
				expression,
				awaitPromise: true,
				returnByValue: true
			});
			if (exceptionDetails) throw new Error(exceptionDetails.exception?.description);
			return result.value;
		} catch (error) {
			// asked before the page's document was committed: its context went with the navigation
			if (Date.now() > deadline || !/context|destroyed|navigat/i.test(error.message)) throw error;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}
}

/** Each resource the load listed, fetched again from here and gzipped, summed by kind. */
async function sizesOf([documentUrl, ...urls], { token }) {
	const kindOf = (url) => {
		const path = new URL(url).pathname;
		if (path.startsWith('/api/')) return 'fetch';
		if (path.endsWith('.js')) return 'script';
		if (path.endsWith('.css')) return 'stylesheet';
		return null;
	};
	const wanted = [
		{ url: documentUrl, kind: 'document' },
		...[...new Set(urls)].map((url) => ({ url, kind: kindOf(url) })).filter((r) => r.kind)
	];
	const headers = token ? { cookie: `plenary_session=${token}` } : {};
	const sized = await Promise.all(
		wanted.map(async ({ url, kind }) => {
			const body = Buffer.from(await (await fetch(url, { headers })).arrayBuffer());
			return { url, kind, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
		})
	);
	const of = (kind) => sized.filter((r) => r.kind === kind);
	const sum = (kind, key) => of(kind).reduce((total, r) => total + r[key], 0);
	return {
		jsGzip: sum('script', 'gzip'),
		jsRaw: sum('script', 'raw'),
		jsFiles: of('script').length,
		cssGzip: sum('stylesheet', 'gzip'),
		cssRaw: sum('stylesheet', 'raw'),
		cssFiles: of('stylesheet').length,
		htmlGzip: sum('document', 'gzip'),
		htmlRaw: sum('document', 'raw'),
		// what the page fetched beside its HTML (its snapshot)
		fetchedGzip: sum('fetch', 'gzip'),
		fetchedRaw: sum('fetch', 'raw'),
		largest: sized
			.filter((r) => r.kind !== 'document')
			.sort((a, b) => b.gzip - a.gzip)
			.slice(0, 3)
			.map((r) => `${r.url.split('/').pop()} ${r.gzip} B`)
	};
}

/**
 * What the service worker downloads for offline use once it is registered (after the page is
 * usable and idle): every entry of its precache manifest in `/sw.js`, fetched from the server and
 * gzipped (level 9). A tablet fetches them once, after its first load.
 */
export async function serviceWorkerPrecache(url) {
	const worker = await fetch(new URL('/sw.js', url));
	if (!worker.ok) return null;
	const entries = [...(await worker.text()).matchAll(/\burl:\s*"([^"]+)"/g)].map((m) => m[1]);
	const sizes = await Promise.all(
		[...new Set(entries)].map(async (entry) => {
			const body = Buffer.from(await (await fetch(new URL(entry, `${url}/`))).arrayBuffer());
			return gzipSync(body, { level: 9 }).length;
		})
	);
	return { files: sizes.length, gzip: sizes.reduce((a, b) => a + b, 0) };
}
