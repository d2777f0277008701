/**
 * BENCHMARKS.md from a run's results: the machine, every figure as min / median / max over the
 * runs, the ratio to its baseline, the goal and whether it is met, the CPU each side used. The
 * hand-written part (what was changed and what it gained) sits between the notes markers and is
 * kept when the file is written again.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { clusterSection } from './cluster.mjs';
import { roomSection } from './room.mjs';
import { cpuSummaryLine, int, ms, spread } from './lib.mjs';

const NOTES_START = '<!-- notes:start -->';
const NOTES_END = '<!-- notes:end -->';

const fmt = (s, f = ms) => `${f(s.min)} / ${f(s.median)} / ${f(s.max)}`;
const met = (ok) => (ok ? '**met**' : '**missed**');

export async function writeReport(results, path) {
	const { machine: m, config, runs, phases } = results;
	const lines = [];
	const add = (...l) => lines.push(...l);
	add(
		'# Benchmarks',
		'',
		'Written by `npm run bench` (bench/run.mjs); the section between the notes markers is written by hand and kept.',
		'Figures are **min / median / max** over the runs (rounds of commands, restarts, page loads, starts); a goal is judged on the median run, the spread shows how much the machine disturbed it.',
		'',
		`- Date: ${m.date}`,
		`- Machine: ${m.cpus} × ${m.model}, ${m.memoryGiB} GiB memory; load average ${m.load} before the run, ${m.loadAfter ?? 'n/a'} after (other work shared the machine)`,
		`- Node ${m.node}; mode: ${config.mode} (${runs} runs each${phases.page ? `, ${phases.page.loads.length} page loads` : ''}); the run took ${int(results.totalS)} s`,
		`- Layout: the production build (\`node server.js\`) on 127.0.0.1; ${config.processes} client simulator processes (\`nice -n 10\`), each holding many Socket.IO clients over WebSocket, signed in as participants of a generated forum of ${int(config.participants)} participants; the presiding officer's socket in the orchestrator`,
		''
	);

	if (phases.fanout) {
		add(
			'## 1. Fan-out latency',
			'',
			'From the presiding officer sending a command to each client receiving its event, in ms. Baseline: a bare Socket.IO server (bench/baseline-server.mjs) in the same layout broadcasting copies of the same events to the same clients. Each figure over the rounds of commands that follow one round that is not counted, on both servers (the first commands after a server starts, or after N new clients connect, measure the JIT compiling its paths). Goal: p99 within 1.5× the baseline at every N, and under 250 ms at 5,000.',
			''
		);
		add(
			'| N | server | p50 | p95 | p99 | max | events missed |',
			'| ---: | --- | --- | --- | --- | --- | ---: |'
		);
		for (const e of phases.fanout) {
			for (const [label, rounds] of [
				['Plenary', e.product],
				['bare Socket.IO', e.baseline]
			]) {
				const s = (k) => fmt(spread(rounds.map((r) => r[k])));
				add(
					`| ${int(e.n)} | ${label} | ${s('p50')} | ${s('p95')} | ${s('p99')} | ${s('max')} | ${rounds.reduce((t, r) => t + r.missing, 0)} |`
				);
			}
		}
		add('');
		for (const e of phases.fanout) {
			const p = spread(e.product.map((r) => r.p99)).median;
			const b = spread(e.baseline.map((r) => r.p99)).median;
			const ok = p <= 1.5 * b && (e.n < 5000 || p < 250);
			add(
				`- N = ${int(e.n)}: median p99 ${ms(p)} ms vs ${ms(b)} ms, ratio ${(p / b).toFixed(2)}× (goal ≤ 1.5×${e.n >= 5000 ? ', < 250 ms' : ''}): ${met(ok)}. Event message ≈ ${e.eventBytes} bytes. CPU, Plenary: ${cpuSummaryLine(e.productCpu)}; bare: ${cpuSummaryLine(e.baselineCpu)}.`
			);
		}
		add('');
	}

	if (phases.throughput) {
		const t = phases.throughput;
		const rate = spread(t.runs.map((r) => r.perSecond));
		const base = spread(t.runs.map((r) => r.baselinePerSecond));
		const lost = t.runs.reduce((s, r) => s + r.lost, 0);
		const acked = t.runs.reduce((s, r) => s + r.acked, 0);
		add(
			'## 2. Durable command throughput',
			'',
			`${t.senders} clients (one per delegation) send \`opinion.stance\`, \`floor.request\`, \`opinion.stance\`, \`floor.withdraw\` in turn, each as soon as the last one is acknowledged, for ${t.seconds} s, with the per-participant rate limits off (\`PLENARY_RATE_LIMITS=off\`: at this pace each sender would be over them within a second, src/lib/server/limits.ts). After each run the server is killed (SIGKILL) and every acknowledged command id is looked up in the database. Baseline: raw better-sqlite3 (bench/sqlite-baseline.mjs) inserting the very rows that run wrote, one transaction per command, WAL and synchronous = FULL. Goal: at least half the baseline's rate, every acknowledged command on disk.`,
			'',
			'| | min / median / max |',
			'| --- | --- |',
			`| Plenary, acknowledged commands/s | ${fmt(rate, int)} |`,
			`| raw better-sqlite3, commands/s | ${fmt(base, int)} |`,
			`| ratio (per run) | ${fmt(spread(t.runs.map((r) => r.perSecond / r.baselinePerSecond)), (v) => v.toFixed(2))} |`,
			`| acknowledgement time p50, ms | ${fmt(spread(t.runs.map((r) => r.ackMs.p50)))} |`,
			`| acknowledgement time p99, ms | ${fmt(spread(t.runs.map((r) => r.ackMs.p99)))} |`,
			'',
			`- ${int(acked)} commands acknowledged, ${lost} of them not on disk after the kill; refused: ${JSON.stringify(mergeCounts(t.runs.map((r) => r.refused)))}; errors: ${t.runs.reduce((s, r) => s + r.errors, 0)}.`,
			`- Goal (≥ 0.5× baseline, none lost): ${met(rate.median >= 0.5 * base.median && lost === 0)}.`,
			`- CPU (median run): ${cpuSummaryLine(t.runs[Math.floor(t.runs.length / 2)].cpu)}.`,
			''
		);
	}

	if (phases.storm) {
		const s = phases.storm;
		const all = spread(s.storms.map((r) => r.allEqualS));
		const clean = s.storms.every(
			(r) =>
				r.match === s.n &&
				r.mismatches === 0 &&
				r.statesEqual === r.statesChecked &&
				r.snapshots === 0
		);
		add(
			'## 3. Reconnect storm',
			'',
			`The server is stopped (SIGTERM) and started again on the same database under ${int(s.n)} connected clients; the presiding officer's command goes out just before, two more as soon as the Chair's own device is back. Each client reconnects with the page's back-off (src/lib/protocol.ts, \`RECONNECTION\`: 0.5 s doubling to 2 s, ±50 %) and syncs as the page does. "Equal": its chain of applied events (sequence, type, payload, hashed) equals the chain the database gives for its audiences, and for one client per simulator its whole state (kept by applying events with the rules module) hashes the same as a fresh snapshot from the server. Times from the stop signal, in seconds. Goal: under 10 s, no event missed or duplicated.`,
			'',
			'| | min / median / max |',
			'| --- | --- |',
			`| every client resynced and equal to the server, s | ${fmt(all, (v) => v.toFixed(2))} |`,
			`| last client resynced, s | ${fmt(spread(s.storms.map((r) => r.lastResyncS)), (v) => v.toFixed(2))} |`,
			`| median client resynced, s | ${fmt(spread(s.storms.map((r) => r.medianResyncS)), (v) => v.toFixed(2))} |`,
			`| server shutdown, s | ${fmt(spread(s.storms.map((r) => r.shutdownS)), (v) => v.toFixed(2))} |`,
			`| server start (to listening), s | ${fmt(spread(s.storms.map((r) => r.startS)), (v) => v.toFixed(2))} |`,
			'',
			`- Clients equal to the server: ${s.storms.map((r) => `${r.match}/${s.n}`).join(', ')}; chain mismatches (missed or duplicated events): ${s.storms.map((r) => r.mismatches).join(', ')}; whole states equal: ${s.storms.map((r) => `${r.statesEqual}/${r.statesChecked}`).join(', ')}; snapshot resyncs: ${s.storms.map((r) => r.snapshots).join(', ')}; pushed events skipped as already applied: ${s.storms.map((r) => r.skipped).join(', ')}.`,
			...s.storms.flatMap((r) => r.examples.map((e) => `  - mismatch: ${e}`)),
			`- Goal (< 10 s, nothing missed or duplicated): ${met(all.median < 10 && clean)}.`,
			`- CPU (median storm): ${cpuSummaryLine(s.storms[Math.floor(s.storms.length / 2)].cpu)}.`,
			''
		);
	}

	if (phases.memory) {
		const mem = phases.memory;
		const per = spread(mem.samples.map((x) => x.perClient / 1024));
		add(
			'## 4. Memory',
			'',
			`Server resident memory (VmRSS) with ${int(mem.n)} connected, synced clients, less its RSS idle before they connected, per client. Samples: after connecting, and after each restart of the storm (the new process's growth over the first one's idle RSS). Goal: under 50 KB per client.`,
			'',
			'| sample | RSS, MiB | per client, KB |',
			'| --- | ---: | ---: |',
			...mem.samples.map(
				(x) =>
					`| ${x.label} | ${(x.rss / 2 ** 20).toFixed(0)} (idle ${(x.idleRss / 2 ** 20).toFixed(0)}) | ${(x.perClient / 1024).toFixed(1)} |`
			),
			'',
			`- Per client: ${fmt(per, (v) => v.toFixed(1))} KB; goal (< 50 KB at 5,000): ${met(per.median < 50)}${mem.n < 5000 ? ` (measured at ${mem.n}, not 5,000)` : ''}.`
		);
		if (phases.fanout) {
			add(
				`- In the fan-out phase, per client: ${phases.fanout.map((e) => `N = ${int(e.n)}: Plenary ${(e.memory.productPerClient / 1024).toFixed(1)} KB, bare Socket.IO ${(e.memory.baselinePerClient / 1024).toFixed(1)} KB`).join('; ')}.`
			);
		}
		add('');
	}

	if (phases.page) {
		const loads = phases.page.loads;
		const baseline = phases.page.baseline ?? [];
		const kb = (k) => fmt(spread(loads.map((l) => l[k] / 1024)), (v) => v.toFixed(1));
		const usable = spread(loads.map((l) => l.usableMs));
		const js = spread(loads.map((l) => l.jsGzip / 1024));
		// each load against the baseline load that followed it (they alternate)
		const ratios = spread(loads.map((l, i) => l.usableMs / baseline[i]?.usableMs));
		add(
			"## 5. Page weight and speed (the delegate's view)",
			'',
			`A Member State delegate's first load of \`/forums/wtpf-26\` (forum of ${int(phases.page.participants)} participants) in Chromium${phases.page.browser ? ` (${phases.page.browser})` : ''} with the CPU slowed 4× (DevTools \`Emulation.setCPUThrottlingRate\`), in a fresh browser context (nothing cached), on loopback${phases.page.latencyMs ? ` **with ${int(phases.page.latencyMs)} ms added to every round trip** (\`--latency\`, bench/latency-proxy.mjs)` : ''}${phases.page.bandwidthKbps ? ` **with the server's bytes at ${int(phases.page.bandwidthKbps)} kbit/s** (\`--bandwidth\`, the same proxy)` : ''}, each page loaded once first and not counted (a server's first request compiles its rendering path). Usable: the agenda is shown and the connection badge says "Live". First and largest contentful paint: the browser's own timings of when the page first showed something, and its whole first screen. Sizes: what the first load fetched once the page had settled (its \`load\` event, then 1.5 s without a new request), so also the scripts it asks for once idle, gzipped at level 9. Baseline, loaded in turn with it in the same browser: the least page that is usable by the same test (bench/baseline-page.js: the agenda as plain HTML, one script with the product's Socket.IO client that connects, syncs and says "Live"), from the bare Socket.IO server. Goal: under 100 KB of JavaScript (gzip), usable under 1.5 s.`,
			'',
			'| | min / median / max |',
			'| --- | --- |',
			`| usable after, ms | ${fmt(usable, int)} |`,
			...(baseline.length
				? [
						`| baseline page usable after, ms | ${fmt(spread(baseline.map((l) => l.usableMs)), int)} |`,
						`| ratio to the baseline (per pair of loads) | ${fmt(ratios, (v) => v.toFixed(2))} |`
					]
				: []),
			`| first contentful paint, ms | ${fmt(spread(loads.map((l) => l.firstPaintMs)), int)} |`,
			`| largest contentful paint, ms | ${fmt(spread(loads.map((l) => l.largestPaintMs)), int)} |`,
			`| DOMContentLoaded, ms | ${fmt(spread(loads.map((l) => l.domContentLoadedMs)), int)} |`,
			`| JavaScript, KB gzip (${loads[0].jsFiles} files) | ${kb('jsGzip')} |`,
			`| JavaScript, KB raw | ${kb('jsRaw')} |`,
			`| CSS, KB gzip (${loads[0].cssFiles} files) | ${kb('cssGzip')} |`,
			`| HTML document, KB gzip | ${kb('htmlGzip')} |`,
			`| HTML document, KB raw | ${kb('htmlRaw')} |`,
			`| fetched beside the HTML (the snapshot), KB gzip | ${kb('fetchedGzip')} |`,
			`| fetched beside the HTML (the snapshot), KB raw | ${kb('fetchedRaw')} |`,
			`| HTML document on the wire, as the server sent it, KB | ${kb('htmlWire')} |`,
			`| the snapshot on the wire, as the server sent it, KB | ${kb('fetchedWire')} |`,
			...(phases.page.precache
				? [
						`| then, once, the service worker's precache for offline use, KB gzip (${phases.page.precache.files} files) | ${(phases.page.precache.gzip / 1024).toFixed(1)} |`
					]
				: []),
			'',
			`- Largest assets: ${loads[0].largest.join(', ')}.`,
			...(baseline.length
				? [
						`- Baseline page: JavaScript ${(baseline[0].jsGzip / 1024).toFixed(1)} KB gzip in ${baseline[0].jsFiles} file, HTML ${(baseline[0].htmlGzip / 1024).toFixed(1)} KB gzip.`
					]
				: []),
			`- Goal (JS < 100 KB gzip, usable < 1.5 s): JavaScript ${met(js.median < 100)}, usable ${met(usable.median < 1500)}.`,
			''
		);
	}

	if (phases.startup) {
		const st = phases.startup;
		const big = spread(st.big.map((r) => r.readyMs));
		const base = spread(st.base.map((r) => r.readyMs));
		add(
			'## 6. Start-up',
			'',
			`Time from \`node server.js\` being spawned to it listening (the forum rebuilt from its log in the \`init\` hook before that), on a log of ${int(st.events)} events (the generated forum plus ${int(st.events - st.baseEvents)} presence check-ins and check-outs), and on the generated forum alone (${int(st.baseEvents)} events) as the baseline. Goal: under 2 s.`,
			'',
			'| log | ready after, ms | server CPU until ready, s | RSS after start, MiB |',
			'| --- | --- | --- | --- |',
			`| ${int(st.events)} events | ${fmt(big, int)} | ${fmt(spread(st.big.map((r) => r.cpuS)), (v) => v.toFixed(2))} | ${fmt(spread(st.big.map((r) => r.rss / 2 ** 20)), int)} |`,
			`| ${int(st.baseEvents)} events | ${fmt(base, int)} | ${fmt(spread(st.base.map((r) => r.cpuS)), (v) => v.toFixed(2))} | ${fmt(spread(st.base.map((r) => r.rss / 2 ** 20)), int)} |`,
			'',
			`- Rebuilding the extra events costs ≈ ${int(big.median - base.median)} ms (difference of the medians).${st.big[0].logLine ? ` The server says: "${st.big[0].logLine}".` : ''}`,
			`- Goal (< 2 s): ${met(big.median < 2000)}.`,
			''
		);
	}

	if (phases.cluster) add(...clusterSection(phases.cluster));
	if (phases.room) add(...roomSection(phases.room));

	const previous = path && existsSync(path) ? readFileSync(path, 'utf8') : '';
	const start = previous.indexOf(NOTES_START);
	const end = previous.indexOf(NOTES_END);
	const notes =
		start >= 0 && end > start
			? previous.slice(start, end + NOTES_END.length)
			: `${NOTES_START}\n## What was changed, and what it gained\n\n(written by hand)\n${NOTES_END}`;
	add(notes, '');
	// formatted as `npm run lint` expects every file in the repository to be
	const text = await prettier.format(lines.join('\n'), {
		...(await prettier.resolveConfig(path ?? 'BENCHMARKS.md')),
		parser: 'markdown'
	});
	if (path) writeFileSync(path, text);
	return text;
}

function mergeCounts(list) {
	const out = {};
	for (const counts of list)
		for (const [k, v] of Object.entries(counts)) out[k] = (out[k] ?? 0) + v;
	return out;
}
