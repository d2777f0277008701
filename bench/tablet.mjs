/**
 * What a delegate's tablet spends while the room checks in, or takes stances (or the Chair's or the
 * secretariat's screen, `--as`). The delegate's view is open in Chromium with the CPU slowed 4× (as section 5 loads it, bench/page.mjs), on the
 * generated forum of 5,000 participants, while participants who are not yet present check
 * themselves in through the HTTP API at a steady rate (each at its time, open loop), as they do at
 * the doors in the morning; or, with `--stances`, while heads of delegation take a stance on the
 * draft opinion under consideration, one each, as when the Chair calls for consensus. For each
 * round: the page's main-thread time over the wave (DevTools' `Performance.getMetrics`: all tasks,
 * and the scripts, style and layout within them) as a share of the wave's wall time, against the
 * same page left alone for as long just before. Then checks that the page has applied every event
 * (what it keeps for offline reading, at most a second behind, is at the server's last sequence
 * number). Not part of `npm run bench`'s goals.
 *
 * Usage (after `npm run build`): node bench/tablet.mjs [--stances] [--as=chair|secretariat]
 *   [--at=TESTID] [--rate=5] [--seconds=10] [--rounds=3] [--cpu-prof] [--trace]
 *   --as: the same page as the Chair (the presiding officer's console) or the secretariat (with
 *     its list of everyone to check in) sees it, rather than as a Member State's delegate;
 *   --at: the page scrolled to the element with that `data-testid` first, e.g. `consensus-panel`
 *     (by default the page is at its top, the draft opinion's panel below the first screen);
 *   --cpu-prof: the page's CPU profile of each wave in $TMPDIR/plenary-bench-profiles, for
 *     bench/profile-summary.mjs; --trace: Chromium's trace of each wave in
 *     $TMPDIR/plenary-bench-traces, for bench/trace-summary.mjs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, servedForum, stanceTakers } from './forum-gen.mjs';
import { launchChromium, openUsable, startTrace } from './page.mjs';
import { FORUM, cpuSeconds, loadAverage, median, sendCommand, sleep } from './lib.mjs';

const option = (name, fallback) =>
	Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const RATE = option('rate', 5);
const SECONDS = option('seconds', 10);
const ROUNDS = option('rounds', 3);
const STANCES = process.argv.includes('--stances');
const AS = process.argv.find((a) => a.startsWith('--as='))?.split('=')[1] ?? 'delegate';
const VIEWS = {
	delegate: "A delegate's view",
	chair: "The Chair's console",
	secretariat: "The secretariat's view"
};
if (!(AS in VIEWS)) throw new Error(`--as=${AS}: one of ${Object.keys(VIEWS).join(', ')}`);
const AT = process.argv.find((a) => a.startsWith('--at='))?.split('=')[1] ?? null;
const profileDir = process.argv.includes('--cpu-prof')
	? join(tmpdir(), 'plenary-bench-profiles')
	: null;
const traceDir = process.argv.includes('--trace') ? join(tmpdir(), 'plenary-bench-traces') : null;

const repo = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'plenary-tablet-'));
const browser = launchChromium();
let server = null;
try {
	const served = await servedForum({ repo, work });
	server = served.server;
	const { template, url } = served;
	const viewer =
		AS !== 'delegate'
			? { id: DEMO_ACCOUNTS[AS], token: template.demo[DEMO_ACCOUNTS[AS]] }
			: template.people.find(
					(p) => p.token && p.category === 'member_state' && p.role === 'delegate'
				);
	if (!viewer?.token) throw new Error('no signed-in viewer for the page');
	const acting = STANCES
		? stanceTakers(template)
		: // not yet present: only the heads of the Member States checked in to vote (forum-gen.mjs)
			template.people.filter((p) => p.token && p.role !== 'head' && p !== viewer);
	const what = STANCES ? 'stances' : 'check-ins';
	const command = STANCES
		? { type: 'opinion.stance', opinion: template.firstOpinion, stance: 'support' }
		: { type: 'presence.check_in' };
	console.log(
		`${VIEWS[AS]} (4× slower CPU) while ${STANCES ? 'heads of delegation take a stance' : 'participants check in'}, ${RATE} a second for ${SECONDS} s, ${ROUNDS} rounds; load average ${loadAverage()}`
	);
	const { page, close } = await openUsable(browser, {
		url,
		path: `/forums/${FORUM}`,
		token: viewer.token
	});
	if (AT) {
		const { result } = await page('Runtime.evaluate', {
			expression: `(() => { const el = document.querySelector('[data-testid="${AT}"]'); el?.scrollIntoView({ block: 'center' }); return !!el; })()`,
			returnByValue: true
		});
		if (!result.value) throw new Error(`no element with data-testid="${AT}"`);
	}
	await page('Performance.enable');
	const metrics = async () => {
		const { metrics: list } = await page('Performance.getMetrics');
		return Object.fromEntries(list.map((m) => [m.name, m.value]));
	};
	/** Main-thread seconds spent over `run()`, by kind, and the wall time it took. */
	const measure = async (run) => {
		const before = await metrics();
		const started = performance.now();
		await run();
		const wallS = (performance.now() - started) / 1000;
		const after = await metrics();
		const spent = (name) => after[name] - before[name];
		return {
			wallS,
			task: spent('TaskDuration'),
			script: spent('ScriptDuration'),
			styleAndLayout: spent('RecalcStyleDuration') + spent('LayoutDuration')
		};
	};
	const rounds = [];
	const serverCpu0 = cpuSeconds(server.pid);
	for (let round = 0; round < ROUNDS; round++) {
		const idle = await measure(() => sleep(SECONDS * 1000 + 1000));
		const batch = acting.splice(0, RATE * SECONDS);
		if (batch.length < RATE * SECONDS) throw new Error(`not enough participants for ${what}`);
		if (profileDir) {
			await page('Profiler.enable');
			await page('Profiler.setSamplingInterval', { interval: 200 });
			await page('Profiler.start');
		}
		const trace = traceDir ? await startTrace(page, browser) : null;
		const wave = await measure(async () => {
			const start = performance.now();
			await Promise.all(
				batch.map(async (person, i) => {
					const at = start + (i * 1000) / RATE;
					await sleep(Math.max(0, at - performance.now()));
					const { status, body } = await sendCommand(url, person.token, command);
					if (status !== 200 && body?.error?.code !== 'already_checked_in') {
						throw new Error(`${command.type} refused: ${status} ${JSON.stringify(body)}`);
					}
				})
			);
			// the last events reach the page and are applied
			await sleep(1000);
		});
		if (trace) {
			mkdirSync(traceDir, { recursive: true });
			writeFileSync(join(traceDir, `tablet-${round}.json`), JSON.stringify(await trace.stop()));
		}
		if (profileDir) {
			const { profile } = await page('Profiler.stop');
			mkdirSync(profileDir, { recursive: true });
			writeFileSync(join(profileDir, `tablet-${round}.cpuprofile`), JSON.stringify(profile));
		}
		// the page's JavaScript heap after a full collection (taken after the wave's figures)
		await page('HeapProfiler.collectGarbage');
		const heapMiB = (await metrics()).JSHeapUsedSize / 2 ** 20;
		// the page has applied every event: what it keeps for offline reading (at most a second
		// behind) is at the server's last sequence number (the copy, or, when the copy did not
		// change, the time and sequence number kept beside it: note 54)
		await sleep(1500);
		const { result } = await page('Runtime.evaluate', {
			expression: `(() => {
				const key = Object.keys(localStorage).find((k) => k.startsWith('plenary:forum:${FORUM}:'));
				if (!key) return null;
				const last = JSON.parse(localStorage.getItem('plenary:last') ?? '{}');
				return Math.max(JSON.parse(localStorage.getItem(key)).seq, last.seq ?? 0);
			})()`,
			returnByValue: true
		});
		const state = await fetch(`${url}/api/forums/${FORUM}/state`, {
			headers: { cookie: `plenary_session=${viewer.token}` }
		});
		const head = (await state.json()).seq;
		const behind = result.value === null ? Infinity : head - result.value;
		const share = (m) =>
			`all tasks ${((100 * m.task) / m.wallS).toFixed(1)}% (scripts ${((100 * m.script) / m.wallS).toFixed(1)}%, style and layout ${((100 * m.styleAndLayout) / m.wallS).toFixed(1)}%)`;
		console.log(
			`  round ${round + 1}: left alone ${share(idle)}; ${batch.length} ${what} ${share(wave)} over ${wave.wallS.toFixed(1)} s, JavaScript heap then ${heapMiB.toFixed(1)} MiB; the page ${behind === 0 ? "at the server's last event" : `${behind} events behind the server`}`
		);
		rounds.push({ idle, wave, behind });
	}
	const med = (f) => median(rounds.map(f));
	console.log(
		`  median share of the main thread: left alone ${(100 * med((r) => r.idle.task / r.idle.wallS)).toFixed(1)}%, during the ${what} ${(100 * med((r) => r.wave.task / r.wave.wallS)).toFixed(1)}%; per ${what.slice(0, -1)} ${((1000 * med((r) => r.wave.task - (r.idle.task * r.wave.wallS) / r.idle.wallS)) / (RATE * SECONDS)).toFixed(1)} ms of the page's main thread; server CPU ${(cpuSeconds(server.pid) - serverCpu0).toFixed(1)} s`
	);
	await close();
	if (rounds.some((r) => r.behind !== 0)) process.exitCode = 1;
} finally {
	await browser.close();
	await server?.stop();
	rmSync(work, { recursive: true, force: true });
}
