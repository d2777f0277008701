/**
 * The server's hot paths without the network, for comparing a change before and after in CPU
 * time (which the machine's other work disturbs far less than wall time): the forum service and
 * the database layer are bundled from src/ as they are now, then
 *   - start-up: `loadAll()` folding a log of 200,000 more events;
 *   - commands: `execute()` of stances and requests for the floor, one after another;
 *   - snapshots: `snapshot()` as a page load or a `join` asks for it;
 *   - after the generated forum's ballot: each voter's first `snapshot()` (their own view), a
 *     command of each voter that the rules refuse (its wording checked against their own view),
 *     following events with the voters' views asked for, and the memory they keep.
 *
 * Usage (after `npm run build`, which the generated forum needs): node bench/micro.mjs [participants]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { build } from 'vite';
import { appendPresenceEvents, copyDatabase, DEMO_ACCOUNTS, generateForum } from './forum-gen.mjs';
import { FORUM, spread } from './lib.mjs';

const repo = process.cwd();
const participants = Number(process.argv[2] ?? 1000);
const work = mkdtempSync(join(tmpdir(), 'plenary-micro-'));
const outDir = join(repo, 'bench/.micro');
const DEMO_CHAIR = DEMO_ACCOUNTS.chair;

// the heap measured after a full collection, without a flag on the command line
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const cpu = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};
const fmt = (s, unit) =>
	`${s.min.toFixed(3)} / ${s.median.toFixed(3)} / ${s.max.toFixed(3)} ${unit}`;

/** CPU of a host following 2,000 presence events another server appended. */
async function followCpu(forums, dbPath, people) {
	appendPresenceEvents(dbPath, people, 2000);
	const c0 = cpu();
	await forums.host(FORUM); // catches up with the log
	return cpu() - c0;
}

try {
	await build({
		configFile: false,
		logLevel: 'warn',
		root: repo,
		resolve: { alias: { $lib: join(repo, 'src/lib') } },
		build: {
			ssr: join(repo, 'bench/micro-entry.js'),
			outDir,
			emptyOutDir: true,
			minify: false,
			rollupOptions: { output: { entryFileNames: 'entry.mjs' } }
		}
	});
	const { openDatabase, ForumService } = await import(join(outDir, 'entry.mjs'));
	const template = await generateForum({
		repo,
		dir: join(work, 'template'),
		participants,
		delegations: 100,
		requests: 10,
		log: console.log
	});

	// start-up
	const big = copyDatabase(template.dbPath, join(work, 'big'));
	const events = appendPresenceEvents(big, template.people, 200_000);
	const startCpu = [];
	const startWall = [];
	for (let run = 0; run < 3; run++) {
		const { db, sqlite } = openDatabase(big);
		const forums = new ForumService(db);
		gc();
		const c0 = cpu();
		const t0 = performance.now();
		await forums.loadAll();
		startWall.push(performance.now() - t0);
		startCpu.push(cpu() - c0);
		sqlite.close();
	}
	console.log(
		`start-up, loadAll() of ${events} events: CPU ${fmt(spread(startCpu), 'ms')}, wall ${fmt(spread(startWall), 'ms')}`
	);

	// commands
	const commandsDb = copyDatabase(template.dbPath, join(work, 'commands'));
	const { db, sqlite } = openDatabase(commandsDb);
	const forums = new ForumService(db);
	await forums.loadAll();
	const senders = template.people.filter(
		(p) => p.category === 'member_state' || p.category === 'sector_member'
	);
	const perCommandCpu = [];
	const perCommandWall = [];
	for (let run = 0; run < 3; run++) {
		const count = Math.min(1000, senders.length * 10);
		const c0 = cpu();
		const t0 = performance.now();
		for (let i = 0; i < count; i++) {
			const sender = senders[(run * count + i) % senders.length];
			const outcome = await forums.execute(FORUM, sender.id, {
				id: randomUUID(),
				type: 'opinion.stance',
				opinion: template.firstOpinion,
				stance: i % 2 ? 'support' : 'reservation'
			});
			if (!outcome.ok && outcome.error.code !== 'rate_limited')
				throw new Error(JSON.stringify(outcome));
		}
		perCommandCpu.push((cpu() - c0) / count);
		perCommandWall.push((performance.now() - t0) / count);
	}
	console.log(
		`execute(opinion.stance): CPU ${fmt(spread(perCommandCpu), 'ms')} per command, wall ${fmt(spread(perCommandWall), 'ms')} (fsync included)`
	);

	// the same commands, many at once (as many clients sending together): group commit
	const burstCpu = [];
	const burstWall = [];
	const burst = Math.min(200, senders.length);
	for (let run = 0; run < 3; run++) {
		const c0 = cpu();
		const t0 = performance.now();
		const outcomes = await Promise.all(
			// senders the loop above did not use lately, so that the rate limit does not answer
			senders.slice(-burst).map((sender, i) =>
				forums.execute(FORUM, sender.id, {
					id: randomUUID(),
					type: 'opinion.stance',
					opinion: template.firstOpinion,
					stance: (run + i) % 2 ? 'support' : 'reservation',
					...((run + i) % 2 ? {} : { text: 'Micro reservation.' })
				})
			)
		);
		for (const outcome of outcomes) if (!outcome.ok) throw new Error(JSON.stringify(outcome));
		burstCpu.push((cpu() - c0) / burst);
		burstWall.push((performance.now() - t0) / burst);
	}
	console.log(
		`execute(opinion.stance) × ${burst} at once: CPU ${fmt(spread(burstCpu), 'ms')} per command, wall ${fmt(spread(burstWall), 'ms')} (fsync included)`
	);

	// snapshots, for delegates who did not vote (the heads of the Member States did: forum-gen.mjs)
	const snapCpu = [];
	const readers = template.people.filter((p) => p.role !== 'head').slice(0, 50);
	for (let run = 0; run < 3; run++) {
		const c0 = cpu();
		for (const reader of readers) {
			await forums.snapshot(FORUM, { kind: 'participant', participantId: reader.id });
		}
		snapCpu.push((cpu() - c0) / readers.length);
	}
	console.log(
		`snapshot() with ${participants} participants: CPU ${fmt(spread(snapCpu), 'ms')} each`
	);
	sqlite.close();

	// after the generated forum's ballot (forum-gen.mjs): each head of a Member State has an event
	// addressed to them alone, and their own view
	const voted = copyDatabase(big, join(work, 'voted'));
	const { voters } = template;
	{
		const { db, sqlite } = openDatabase(voted);
		const forums = new ForumService(db);
		await forums.loadAll();
		gc();
		const heapBefore = process.memoryUsage().heapUsed;
		const followBefore = await followCpu(forums, voted, template.people);
		const firstCpu = [];
		for (const voter of voters) {
			const c0 = cpu();
			await forums.snapshot(FORUM, { kind: 'participant', participantId: voter.id });
			firstCpu.push(cpu() - c0);
		}
		const followAfter = await followCpu(forums, voted, template.people);
		gc();
		const heapAfter = process.memoryUsage().heapUsed;
		// the head has moved since their snapshots: a refusal builds each voter's view again
		const refusedCpu = [];
		for (const voter of voters) {
			const c0 = cpu();
			const outcome = await forums.execute(FORUM, voter.id, {
				id: randomUUID(),
				type: 'election.cast',
				candidateId: DEMO_CHAIR
			});
			refusedCpu.push(cpu() - c0);
			if (outcome.ok || outcome.error.code !== 'no_vote_open') {
				throw new Error(`election.cast: ${JSON.stringify(outcome)}`);
			}
		}
		console.log(
			`after a ballot of ${voters.length} voters, on the log of ${events} events: each voter's first snapshot(), CPU ${fmt(spread(firstCpu), 'ms')}; following 2,000 events, CPU ${followBefore.toFixed(0)} ms before the voters' snapshots and ${followAfter.toFixed(0)} ms after; heap ${((heapAfter - heapBefore) / 2 ** 20).toFixed(1)} MiB more once all ${voters.length} have asked; then each voter's command refused (no vote open), CPU ${fmt(spread(refusedCpu), 'ms')}`
		);
		sqlite.close();
	}
} finally {
	rmSync(work, { recursive: true, force: true });
	rmSync(outDir, { recursive: true, force: true });
}
