/**
 * A generated forum for the benchmark, built the fastest honest way: the real server creates the
 * database (its migrations, the demo forum), then accounts, sessions and the set-up events
 * (`delegation.registered`, `participant.registered`, `opinion.registered`) are written straight
 * into the tables, with consecutive sequence numbers, as the server itself would have appended
 * them. The server rebuilds the forum from that log when it starts. The forum is then opened and
 * brought to item 8 by real commands over the HTTP API, as a presiding officer would.
 */
import { hash } from '@node-rs/argon2';
import SQLite from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FORUM, HOST, freePort, sendCommand, startForumServer } from './lib.mjs';

const DAY = 24 * 60 * 60 * 1000;

/** Demo participants the benchmark signs in as (src/lib/server/demo.data.ts). */
export const DEMO_ACCOUNTS = {
	openingOfficer: 'p-sg',
	chair: 'p-ken-head',
	nominator: 'p-fra-head',
	seconder: 'p-bra-head',
	secretariat: 'p-sec'
};

function sessionToken() {
	return randomBytes(18).toString('base64url');
}

/** Lucia's recipe (src/lib/server/auth/session.ts): the table keeps the token's SHA-256 only. */
function sessionId(token) {
	return createHash('sha256').update(token).digest('hex');
}

/** Delegations in the proportions of an ITU forum: Member States, Sector Members, and a few others. */
function delegationsFor(count) {
	const shares = [
		['member_state', 0.4, 'MS'],
		['sector_member', 0.45, 'SM'],
		['associate', 0.05, 'AS'],
		['academia', 0.05, 'AC'],
		['observer', 0.05, 'OB']
	];
	const delegations = [];
	for (const [category, share, prefix] of shares) {
		const n = Math.max(1, Math.round(count * share));
		for (let i = 1; i <= n; i++) {
			const id = `B${prefix}${String(i).padStart(3, '0')}`;
			delegations.push({ id, name: `Bench ${category.replace('_', ' ')} ${i}`, category });
		}
	}
	return delegations;
}

function opinionFor(number) {
	return {
		number,
		title: `Benchmark draft opinion ${number} on meaningful connectivity`,
		illustrative: true,
		paragraphs: [
			{ kind: 'preambular', text: `recognizing the benchmark's paragraph ${number};` },
			{ kind: 'operative', text: `invites Member States to measure paragraph ${number};` }
		]
	};
}

/**
 * Build a template database with `participants` generated participants (each with a session),
 * then open the forum and bring it to item 8 with opinion 6 under consideration and `requests`
 * pending requests for the floor, and a vote of the Member States present (on a request for a
 * session for them only, which fails). Returns the people with their session tokens, and the
 * voters among them.
 */
export async function generateForum({
	repo,
	dir,
	participants,
	delegations,
	opinions = 150,
	requests = 120,
	log = () => {}
}) {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const dbPath = join(dir, 'plenary.db');
	const port = await freePort();

	// 1. The real server creates the schema and the demo forum.
	log('  creating the database with the real migrations and the demo forum');
	const init = await startForumServer({ repo, dbPath, port, env: { PLENARY_DEMO: '1' } });
	await init.stop();

	// 2. Accounts, sessions and set-up events, straight into the tables.
	const sqlite = new SQLite(dbPath);
	sqlite.pragma('journal_mode = WAL');
	const passwordHash = await hash('bench-password-not-used', {});
	const now = Date.now();
	const generatedDelegations = delegationsFor(delegations);
	const people = [];
	const byCategory = Object.fromEntries(generatedDelegations.map((d) => [d.id, d.category]));
	for (let i = 0; i < participants; i++) {
		const delegation = generatedDelegations[i % generatedDelegations.length];
		const id = `p-b${String(i + 1).padStart(5, '0')}`;
		people.push({
			id,
			email: `${id}@bench.test`,
			name: `Bench Delegate ${i + 1}`,
			delegationId: delegation.id,
			category: byCategory[delegation.id],
			role: i < generatedDelegations.length ? 'head' : 'delegate',
			token: sessionToken()
		});
	}
	const demo = Object.values(DEMO_ACCOUNTS).map((id) => ({
		id,
		token: sessionToken(),
		demo: true
	}));
	const head = sqlite
		.prepare('SELECT max(seq) AS head FROM events WHERE forum = ?')
		.get(FORUM).head;
	const insertEvent = sqlite.prepare(
		`INSERT INTO events (forum, seq, type, payload, audience, actor, at, command_id)
		 VALUES (?, ?, ?, ?, 'public', NULL, ?, NULL)`
	);
	const insertAccount = sqlite.prepare(
		'INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)'
	);
	const insertSession = sqlite.prepare(
		'INSERT INTO sessions (id, account_id, expires_at) VALUES (?, ?, ?)'
	);
	const existingOpinions = sqlite
		.prepare("SELECT count(*) AS n FROM events WHERE forum = ? AND type = 'opinion.registered'")
		.get(FORUM).n;
	let seq = head;
	sqlite.transaction(() => {
		for (const d of generatedDelegations) {
			insertEvent.run(FORUM, ++seq, 'delegation.registered', JSON.stringify(d), now);
		}
		for (const p of people) {
			insertAccount.run(p.id, p.email, p.name, passwordHash, now);
			insertEvent.run(
				FORUM,
				++seq,
				'participant.registered',
				JSON.stringify({
					participantId: p.id,
					name: p.name,
					delegationId: p.delegationId,
					role: p.role
				}),
				now
			);
		}
		for (let n = existingOpinions + 1; n <= existingOpinions + opinions; n++) {
			insertEvent.run(FORUM, ++seq, 'opinion.registered', JSON.stringify(opinionFor(n)), now);
		}
		for (const p of [...people, ...demo])
			insertSession.run(sessionId(p.token), p.id, now + 30 * DAY);
	})();
	sqlite.close();

	// 3. Real commands: open the forum, elect the Chair by acclamation, open item 8.
	log(
		`  ${participants} participants, ${generatedDelegations.length} delegations; opening the forum by commands`
	);
	const server = await startForumServer({ repo, dbPath, port });
	const url = `http://${HOST}:${port}`;
	const token = Object.fromEntries(demo.map((p) => [p.id, p.token]));
	const as =
		(id, tokenOf = token[id]) =>
		async (type, payload = {}) => {
			const { status, body } = await sendCommand(url, tokenOf, { type, ...payload });
			if (status !== 200) throw new Error(`${id} ${type}: ${status} ${JSON.stringify(body)}`);
			return body;
		};
	const sg = as(DEMO_ACCOUNTS.openingOfficer);
	const chair = as(DEMO_ACCOUNTS.chair);
	const firstOpinion = existingOpinions + 1;
	try {
		await sg('forum.open');
		await sg('agenda.open', { item: 1 });
		await sg('agenda.close', { item: 1 });
		await sg('agenda.open', { item: 2 });
		await as(DEMO_ACCOUNTS.nominator)('election.nominate', { candidateId: DEMO_ACCOUNTS.chair });
		await as(DEMO_ACCOUNTS.seconder)('election.second', { candidateId: DEMO_ACCOUNTS.chair });
		await sg('election.declare_acclaimed');
		await chair('agenda.close', { item: 2 });
		await chair('agenda.open', { item: 8 });
		await chair('opinion.take_up', { opinion: firstOpinion });
		// Requests for the floor, one statement per delegation, for the Chair to give.
		const heads = people.filter((p) => p.role === 'head').slice(0, requests);
		const requestIds = [];
		for (const p of heads) {
			const id = randomUUID();
			await as(p.id, p.token)('floor.request', { id, kind: 'statement' });
			requestIds.push(id);
		}
		// A vote of the Member States on a session for them only, which fails. Each head checks in
		// and casts a ballot, an event addressed to them alone, so that every phase meets voters with
		// their own views (src/lib/forum/evolve.ts, `personalView`), as a forum that has voted does;
		// the storm's whole-state checks compare some of theirs after each restart.
		const voters = people.filter((p) => p.role === 'head' && p.category === 'member_state');
		log(`  ${voters.length} Member States check in and vote on a session for them only`);
		await Promise.all(voters.map((p) => as(p.id, p.token)('presence.check_in')));
		await as(voters[0].id, voters[0].token)('restricted.request');
		await as(voters[1].id, voters[1].token)('restricted.second');
		await chair('restricted.open_vote');
		await Promise.all(voters.map((p) => as(p.id, p.token)('restricted.cast', { vote: 'no' })));
		await chair('restricted.close_vote');
		await server.stop();
		// One file to copy: fold the WAL back into the database.
		const db = new SQLite(dbPath);
		db.pragma('wal_checkpoint(TRUNCATE)');
		const finalHead = db
			.prepare('SELECT max(seq) AS head FROM events WHERE forum = ?')
			.get(FORUM).head;
		db.close();
		return {
			dbPath,
			people,
			demo: token,
			head: finalHead,
			firstOpinion,
			opinions,
			requestIds,
			requesters: heads.map((p) => p.id),
			voters,
			delegations: generatedDelegations
		};
	} finally {
		await server.stop();
	}
}

/**
 * The heads of delegation who may take a stance on the draft opinion under consideration: Member
 * States and Sector Members, less those with a request for the floor (section 8, bench/tablet.mjs).
 */
export function stanceTakers(template) {
	const requesting = new Set(template.requesters);
	return template.people.filter(
		(p) =>
			p.token &&
			p.role === 'head' &&
			!requesting.has(p.id) &&
			(p.category === 'member_state' || p.category === 'sector_member')
	);
}

/** A fresh copy of the template database for one phase (the phases must not share a log). */
export function copyDatabase(template, dir) {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const target = join(dir, 'plenary.db');
	copyFileSync(template, target);
	for (const suffix of ['-wal', '-shm']) {
		if (existsSync(template + suffix)) copyFileSync(template + suffix, target + suffix);
	}
	return target;
}

/**
 * The generated forum of 5,000 participants in 500 delegations, in a working copy under `work`,
 * with the production build serving it on a free port (for the scripts run by hand:
 * bench/loads.mjs, bench/tablet.mjs). Returns the forum, the server and its address.
 */
export async function servedForum({ repo, work, nodeArgs = [] }) {
	const template = await generateForum({
		repo,
		dir: join(work, 'template'),
		participants: 5000,
		delegations: 500
	});
	const dbPath = copyDatabase(template.dbPath, join(work, 'db'));
	const port = await freePort();
	const url = `http://${HOST}:${port}`;
	const server = await startForumServer({ repo, dbPath, port, env: { ORIGIN: url }, nodeArgs });
	return { template, server, url };
}

/**
 * Append `count` presence events (check-in/check-out pairs of generated participants) to a
 * database, for the start-up benchmark: the server must fold them all when it starts.
 */
export function appendPresenceEvents(dbPath, people, count) {
	const sqlite = new SQLite(dbPath);
	sqlite.pragma('journal_mode = WAL');
	const head = sqlite
		.prepare('SELECT max(seq) AS head FROM events WHERE forum = ?')
		.get(FORUM).head;
	const present = new Set(
		sqlite
			.prepare("SELECT payload FROM events WHERE forum = ? AND type = 'presence.checked_in'")
			.all(FORUM)
			.map((r) => JSON.parse(r.payload).participantId)
	);
	const insert = sqlite.prepare(
		`INSERT INTO events (forum, seq, type, payload, audience, actor, at, command_id)
		 VALUES (?, ?, ?, ?, 'public', ?, ?, NULL)`
	);
	let seq = head;
	const at = Date.now();
	sqlite.transaction(() => {
		for (let i = 0; i < count; i++) {
			const p = people[Math.floor(i / 2) % people.length];
			const checkIn = !present.has(p.id);
			if (checkIn) present.add(p.id);
			else present.delete(p.id);
			insert.run(
				FORUM,
				++seq,
				checkIn ? 'presence.checked_in' : 'presence.checked_out',
				JSON.stringify({ participantId: p.id }),
				p.id,
				at + i
			);
		}
	})();
	sqlite.pragma('wal_checkpoint(TRUNCATE)');
	sqlite.close();
	return seq;
}
