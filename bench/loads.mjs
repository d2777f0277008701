/**
 * What the server spends on tablets opening the delegate's view: the forum page and its snapshot
 * (the state route), as a browser asks for them on a first load, for 500 different participants of
 * the generated forum of 5,000, over HTTP on loopback; one at a time and twenty at a time; then as
 * in the morning, each participant checking in (a command, so a new event) before opening the page.
 * Prints loads per second and the server's CPU per load. Not part of `npm run bench`'s goals.
 *
 * Usage (after `npm run build`): node bench/loads.mjs [--cpu-prof]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servedForum } from './forum-gen.mjs';
import { FORUM, cpuSeconds, loadAverage, sendCommand } from './lib.mjs';

const repo = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'plenary-loads-'));
const LOADS = 500;
try {
	const nodeArgs = process.argv.includes('--cpu-prof')
		? ['--cpu-prof', `--cpu-prof-dir=${join(tmpdir(), 'plenary-bench-profiles')}`]
		: [];
	const { template, server, url } = await servedForum({ repo, work, nodeArgs });
	// delegates, not heads of delegation: the heads of the Member States voted (forum-gen.mjs), so
	// each of their pages is a view of its own, which bench/micro.mjs measures
	const people = template.people.filter(
		(p) =>
			p.token &&
			p.role !== 'head' &&
			(p.category === 'member_state' || p.category === 'sector_member')
	);
	const headers = (p) => ({ cookie: `plenary_session=${p.token}`, 'accept-encoding': 'br, gzip' });
	const get = async (p, path) => {
		const response = await fetch(`${url}${path}`, { headers: headers(p) });
		if (!response.ok) throw new Error(`${path}: ${response.status}`);
		await response.arrayBuffer();
	};
	const load = async (p) => {
		await get(p, `/forums/${FORUM}`);
		await get(p, `/api/forums/${FORUM}/state`);
	};
	const checkIn = async (p) => {
		const { status, body } = await sendCommand(url, p.token, { type: 'presence.check_in' });
		if (status !== 200 && body.error?.code !== 'already_checked_in') {
			throw new Error(`check-in: ${status} ${JSON.stringify(body)}`);
		}
	};
	console.log(`Loads of /forums/${FORUM} and its snapshot; load average ${loadAverage()}`);
	for (const p of people.slice(0, 20)) await load(p); // the rendering path compiled
	let from = 20;
	for (const [label, concurrency, before] of [
		['one at a time', 1, null],
		['twenty at a time', 20, null],
		['twenty at a time, each checking in first', 20, checkIn]
	]) {
		const list = people.slice(from, (from += LOADS));
		const cpu0 = cpuSeconds(server.pid);
		const t0 = performance.now();
		let next = 0;
		await Promise.all(
			Array.from({ length: concurrency }, async () => {
				while (next < list.length) {
					const p = list[next++];
					if (before) await before(p);
					await load(p);
				}
			})
		);
		const wallS = (performance.now() - t0) / 1000;
		const cpuMs = ((cpuSeconds(server.pid) - cpu0) / list.length) * 1000;
		console.log(
			`  ${label}: ${list.length} loads, ${(list.length / wallS).toFixed(0)} a second, server CPU ${cpuMs.toFixed(1)} ms each`
		);
	}
	await server.stop();
} finally {
	rmSync(work, { recursive: true, force: true });
}
