/**
 * Phase `room` of `npm run bench`: the room at work. Section 1 measures one command at a time,
 * each on its own; a room of 5,000 tablets also sees many delegations act at once: every head of
 * delegation recording a stance when the Chair calls for consensus, the morning's check-ins. Here
 * N clients stay connected while S heads of delegation, each on a socket of their own in the
 * orchestrator, send stances on the opinion under consideration at a steady rate (open loop: each
 * at its time, whether the earlier ones were acknowledged or not), for a few seconds at each rate.
 * Measured: from a stance being sent to each of the N clients receiving its event (delivery), and
 * to its sender's acknowledgement (on disk), and the CPU each side used.
 *
 * Baseline, in the same run: the bare Socket.IO server of section 1 (bench/baseline-server.mjs)
 * broadcasting copies of the same events, sent at the same rate, to the same N clients. The
 * per-participant rate limits stay on: at these rates each sender sends far fewer than they allow.
 */
import { join } from 'node:path';
import { copyDatabase, stanceTakers } from './forum-gen.mjs';
import {
	cpuSummaryLine,
	FORUM,
	freePort,
	HOST,
	int,
	latencySummary,
	ms,
	now,
	sleep,
	spread,
	startBaselineServer,
	startForumServer
} from './lib.mjs';
import { connectChair } from './pool.mjs';

/**
 * Sends `count` commands at `rate` a second (command k at start + k / rate), without waiting for
 * the acknowledgements, and returns each one's send time, acknowledgement time and answer.
 */
async function paced({ rate, count, send }) {
	const start = now();
	const answers = [];
	for (let k = 0; k < count; k++) {
		const wait = start + (k * 1000) / rate - now();
		if (wait > 0) await sleep(wait);
		const sentAt = now();
		answers.push(send(k).then((ack) => ({ sentAt, ackAt: now(), ack })));
	}
	return Promise.all(answers);
}

/** Delivery delays of the acknowledged events to the pool's clients, and how many missed one. */
async function deliveries(pool, sent, n) {
	const delays = [];
	let missing = 0;
	for (const { sentAt, ack } of sent) {
		const times = await pool.times(ack.seq, 30_000);
		missing += n - times.length;
		for (const t of times) delays.push(t - sentAt);
	}
	return { delivery: latencySummary(delays), missing };
}

export async function roomPhase({
	repo,
	work,
	template,
	config,
	runs,
	pool,
	specsFor,
	cpuMeter,
	nodeArgs = [],
	log
}) {
	const n = config.roomN;
	const { roomRates: rates, roomSeconds: seconds } = config;
	log(
		`\n8. The room at work: ${int(n)} clients, ${config.roomSenders} heads of delegation sending stances at ${rates.join(' and ')} a second, ${seconds} s each, ${runs} runs`
	);
	const heads = stanceTakers(template).slice(0, config.roomSenders);
	const dbPath = copyDatabase(template.dbPath, join(work, 'room'));
	const port = await freePort();
	const url = `http://${HOST}:${port}`;
	const server = await startForumServer({ repo, dbPath, port, nodeArgs });
	const steps = { product: [], baseline: [] };
	/** the product's events, in the order sent, for the baseline to broadcast copies of */
	const echoes = [];
	try {
		const senders = [];
		for (const p of heads) {
			senders.push(
				await connectChair({ url, origin: url, token: p.token, forum: FORUM, after: template.head })
			);
		}
		await pool.connect(
			{ url, origin: url, slug: FORUM, after: template.head },
			specsFor(template, n)
		);
		await sleep(1000);
		// each sender's stance goes from support to a reservation and back: every one a change
		const stances = new Map();
		const stance = (sender) => {
			const next = (stances.get(sender) ?? 0) + 1;
			stances.set(sender, next);
			return next % 2
				? { type: 'opinion.stance', opinion: template.firstOpinion, stance: 'support' }
				: {
						type: 'opinion.stance',
						opinion: template.firstOpinion,
						stance: 'reservation',
						text: 'A reservation of the room phase.'
					};
		};
		// one step at the lowest rate first, not counted: the server's first commands after it
		// starts measure the JIT compiling its paths
		for (let run = -1; run < runs; run++) {
			for (const rate of run < 0 ? rates.slice(0, 1) : rates) {
				await pool.all('measure', () => ({ on: true }));
				const meter = cpuMeter(server.pid);
				const sent = await paced({
					rate,
					count: Math.round(rate * seconds),
					send: (k) => {
						const sender = senders[k % senders.length];
						return sender.command(stance(sender));
					}
				});
				const refused = sent.filter((s) => !s.ack.ok);
				if (refused.length) {
					throw new Error(`stance refused: ${JSON.stringify(refused[0].ack)}`);
				}
				const got = await deliveries(pool, sent, n);
				const cpu = meter();
				await pool.all('measure', () => ({ on: false }));
				if (run < 0) continue;
				const ack = latencySummary(sent.map((s) => s.ackAt - s.sentAt));
				steps.product.push({ run, rate, ...got, ack, cpu });
				const events = senders[0].events;
				await sleep(200);
				echoes.push(
					...sent.map(({ ack: { seq } }) => {
						const event = events.get(seq);
						if (!event) throw new Error(`the senders did not receive event ${seq}`);
						const { type, payload, audience, actor } = event;
						return { type, payload, audience, actor };
					})
				);
				log(
					`   Plenary, ${rate}/s: delivery p50 ${ms(got.delivery.p50)}, p99 ${ms(got.delivery.p99)} ms; acknowledged p99 ${ms(ack.p99)} ms; missed ${got.missing}; ${cpuSummaryLine(cpu)}`
				);
			}
		}
		for (const sender of senders) sender.close();
		await pool.disconnect();
	} finally {
		await server.stop();
	}

	// the baseline: the same clients, copies of the same events at the same rates
	const basePort = await freePort();
	const baseUrl = `http://${HOST}:${basePort}`;
	const baseline = await startBaselineServer({ repo, port: basePort });
	try {
		const chair = await connectChair({ url: baseUrl, origin: baseUrl, forum: FORUM, after: 0 });
		await pool.connect(
			{ url: baseUrl, origin: baseUrl, slug: FORUM, after: 0 },
			specsFor(template, n)
		);
		await sleep(1000);
		let next = 0;
		for (let run = -1; run < runs; run++) {
			for (const rate of run < 0 ? rates.slice(0, 1) : rates) {
				const count = Math.round(rate * seconds);
				await pool.all('measure', () => ({ on: true }));
				const meter = cpuMeter(baseline.pid);
				const sent = await paced({
					rate,
					count,
					send: (k) =>
						chair.command(
							{ type: 'baseline.echo' },
							{ echo: echoes[(run < 0 ? k : next + k) % echoes.length] }
						)
				});
				const got = await deliveries(pool, sent, n);
				const cpu = meter();
				await pool.all('measure', () => ({ on: false }));
				if (run < 0) continue;
				next += count;
				steps.baseline.push({
					run,
					rate,
					...got,
					ack: latencySummary(sent.map((s) => s.ackAt - s.sentAt)),
					cpu
				});
				log(
					`   bare Socket.IO, ${rate}/s: delivery p50 ${ms(got.delivery.p50)}, p99 ${ms(got.delivery.p99)} ms; missed ${got.missing}; ${cpuSummaryLine(cpu)}`
				);
			}
		}
		chair.close();
		await pool.disconnect();
	} finally {
		await baseline.stop();
	}
	return { n, senders: heads.length, rates, seconds, steps };
}

// ---------------------------------------------------------------- the report's section

const fmt = (s) => `${ms(s.min)} / ${ms(s.median)} / ${ms(s.max)}`;

/** The section of BENCHMARKS.md for this phase (bench/report.mjs), as Markdown lines. */
export function roomSection(phase) {
	const lines = [
		'## 8. The room at work (many delegations at once)',
		'',
		`Section 1 measures one command at a time. Here ${int(phase.n)} clients stay connected while ${phase.senders} heads of delegation, each on a socket of their own, send stances on the opinion under consideration at a steady rate (each at its time, whether the earlier ones were acknowledged or not: a call for consensus, or the morning's check-ins), ${phase.seconds} s at each rate, after one step at the lowest rate that is not counted. Delivery: from a stance being sent to each client receiving its event; acknowledged: to its sender's acknowledgement, once it is on disk. Baseline: the bare Socket.IO server of section 1 broadcasting copies of the same events at the same rates to the same clients. In ms, min / median / max over the runs. No goal is set: the figures show what room a server has to spare when a room acts at once.`,
		'',
		'| rate | server | delivery p50 | delivery p99 | delivery max | acknowledged p99 | events missed | server CPU, % of one core |',
		'| ---: | --- | --- | --- | --- | --- | ---: | --- |'
	];
	const pct = (s) => (s.cpu.wallS > 0 ? (s.cpu.serverS / s.cpu.wallS) * 100 : NaN);
	for (const rate of phase.rates) {
		for (const [label, list] of [
			['Plenary', phase.steps.product],
			['bare Socket.IO', phase.steps.baseline]
		]) {
			const steps = list.filter((s) => s.rate === rate);
			const of = (pick) => fmt(spread(steps.map(pick)));
			lines.push(
				`| ${rate}/s | ${label} | ${of((s) => s.delivery.p50)} | ${of((s) => s.delivery.p99)} | ${of((s) => s.delivery.max)} | ${label === 'Plenary' ? of((s) => s.ack.p99) : 'n/a'} | ${steps.reduce((t, s) => t + s.missing, 0)} | ${fmt(spread(steps.map(pct)))} |`
			);
		}
	}
	lines.push('');
	for (const rate of phase.rates) {
		const p99 = (list) =>
			spread(list.filter((s) => s.rate === rate).map((s) => s.delivery.p99)).median;
		const product = p99(phase.steps.product);
		const base = p99(phase.steps.baseline);
		lines.push(
			`- ${rate}/s: median delivery p99 ${ms(product)} ms against ${ms(base)} ms, ${(product / base).toFixed(2)}× the bare Socket.IO server.`
		);
	}
	const total = (list) =>
		list.reduce(
			(t, s) => ({
				wallS: t.wallS + s.cpu.wallS,
				serverS: t.serverS + s.cpu.serverS,
				clientsS: t.clientsS + s.cpu.clientsS,
				orchestratorS: t.orchestratorS + s.cpu.orchestratorS
			}),
			{ wallS: 0, serverS: 0, clientsS: 0, orchestratorS: 0 }
		);
	lines.push(
		`- CPU over the counted steps. Plenary: ${cpuSummaryLine(total(phase.steps.product))}. Bare Socket.IO: ${cpuSummaryLine(total(phase.steps.baseline))}.`,
		''
	);
	return lines;
}
