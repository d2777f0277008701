/**
 * The Chair's election (item 2) through the real built server, over Socket.IO: nominations,
 * the quorum of Member States checked in, a secret ballot of the heads of delegation, the tally,
 * and the Chair taking office live on every screen.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandAck } from '../../src/lib/protocol';
import { DEMO_DELEGATIONS } from '../../src/lib/server/demo.data';
import {
	api,
	commandId,
	connect,
	DEMO_FORUM as FORUM,
	DEMO_PASSWORD,
	login,
	startServer,
	type ForumClient,
	type TestServer
} from '../support/server';

const COMMANDS = `/api/forums/${FORUM}/commands`;
const servers: TestServer[] = [];
const clients: ForumClient[] = [];

afterAll(async () => {
	for (const client of clients) client.close();
	await Promise.all(servers.map((s) => s.stop()));
});

const DEMO_MEMBER_STATES = DEMO_DELEGATIONS.filter((d) => d.category === 'member_state').map(
	(d) => d.id
);
/** Registered by the secretariat during preparation, to make 30 Member States. */
const EXTRA_MEMBER_STATES = [
	{ id: 'ISL', name: 'Iceland', head: 'Guðrún Jónsdóttir' },
	{ id: 'URY', name: 'Uruguay', head: 'Lucía Fernández' }
];

interface Person {
	email: string;
	cookie: string;
	client: ForumClient;
	/** participant id in the forum */
	id: string;
}

/** Signs in, in parallel batches (each sign-in verifies an argon2 hash). */
async function loginAll(url: string, emails: string[], batch = 8): Promise<string[]> {
	const cookies: string[] = [];
	for (let i = 0; i < emails.length; i += batch) {
		cookies.push(...(await Promise.all(emails.slice(i, i + batch).map((e) => login(url, e)))));
	}
	return cookies;
}

/** Signs in, connects a socket and joins the forum. */
async function enter(url: string, emails: string[]): Promise<Person[]> {
	const cookies = await loginAll(url, emails);
	return Promise.all(
		emails.map(async (email, i) => {
			const client = await connect(url, cookies[i]);
			clients.push(client);
			const joined = await client.join(FORUM);
			if (!joined.ok) throw new Error(`${email} could not join: ${JSON.stringify(joined)}`);
			return { email, cookie: cookies[i], client, id: joined.you.participantId! };
		})
	);
}

function give(person: Person, type: string, payload: Record<string, unknown> = {}) {
	return person.client.command(FORUM, { id: commandId(), type, ...payload });
}

/** The command must be accepted; returns its seq. */
async function must(person: Person, type: string, payload: Record<string, unknown> = {}) {
	const ack = await give(person, type, payload);
	if (!ack.ok) throw new Error(`${person.email} ${type}: ${JSON.stringify(ack)}`);
	return ack.seq;
}

/** [status, code] of a refused command, or [200, 'ok']. */
function outcome(ack: CommandAck): [number, string] {
	return ack.ok ? [200, 'ok'] : [ack.status, ack.error.code];
}

async function stateAs(url: string, cookie: string) {
	const reply = await api(url, cookie).get(`/api/forums/${FORUM}/state`);
	expect(reply.status).toBe(200);
	return reply.body.state;
}

describe('the Chair elected by vote of 30 Member States', () => {
	it('runs item 2 from nominations to a Chair in office, keeping every ballot secret', async () => {
		const server = await startServer();
		servers.push(server);
		const url = server.url;

		// Preparation: the secretariat accredits two more Member States, each with a head.
		const sec = await login(url, 'secretariat@itu.demo');
		const http = api(url, sec);
		for (const state of EXTRA_MEMBER_STATES) {
			const delegation = await http.post(COMMANDS, {
				id: commandId(),
				type: 'delegation.register',
				delegationId: state.id,
				name: state.name,
				category: 'member_state'
			});
			expect(delegation.status).toBe(200);
			const head = await http.post(COMMANDS, {
				id: commandId(),
				type: 'participant.register',
				email: `${state.id.toLowerCase()}.head@wtpf.demo`,
				name: state.head,
				delegationId: state.id,
				role: 'head',
				password: DEMO_PASSWORD
			});
			expect(head.status).toBe(200);
		}
		const prepared = await stateAs(url, sec);
		const accredited = Object.values(
			prepared.delegations as Record<string, { category: string }>
		).filter((d) => d.category === 'member_state');
		expect(accredited).toHaveLength(30);

		// Everyone signs in and connects: 30 heads, the opening officer, a Sector Member, a delegate.
		const codes = [...DEMO_MEMBER_STATES, ...EXTRA_MEMBER_STATES.map((s) => s.id)];
		expect(codes).toHaveLength(30);
		const heads = await enter(
			url,
			codes.map((c) => `${c.toLowerCase()}.head@wtpf.demo`)
		);
		const [sg, ericsson, fraDelegate] = await enter(url, [
			'sg@itu.demo',
			'sm-ericsson@wtpf.demo',
			'fra.delegate@wtpf.demo'
		]);
		const everyone = [...heads, sg, ericsson, fraDelegate];
		const head = (code: string) => heads[codes.indexOf(code)];
		expect(head('ISL').id).toMatch(/^p-/);

		// The opening officer opens the forum and item 2.
		await must(sg, 'forum.open');
		await must(sg, 'agenda.open', { item: 1 });
		await must(sg, 'agenda.close', { item: 1 });
		await must(sg, 'agenda.open', { item: 2 });

		// Nominations: A and B each nominated by one State and seconded by another; C withdrawn.
		const A = head('BRA').id;
		const B = head('IND').id;
		const C = head('JPN').id;
		await must(head('FRA'), 'election.nominate', { candidateId: A });
		await must(head('KEN'), 'election.second', { candidateId: A });
		await must(head('CHN'), 'election.nominate', { candidateId: B });
		await must(head('EGY'), 'election.second', { candidateId: B });
		await must(head('USA'), 'election.nominate', { candidateId: C });
		expect(outcome(await give(ericsson, 'election.second', { candidateId: C }))).toEqual([
			403,
			'not_allowed'
		]);
		await must(head('DEU'), 'election.second', { candidateId: C });
		expect(outcome(await give(head('FRA'), 'election.withdraw', { candidateId: C }))).toEqual([
			403,
			'not_allowed'
		]);
		await must(head('JPN'), 'election.withdraw', { candidateId: C });
		expect(outcome(await give(sg, 'election.declare_acclaimed'))).toEqual([
			409,
			'not_single_candidate'
		]);

		// 15 of the 30 States check in: exactly half is no quorum.
		const present = heads.slice(0, 16);
		const absent = heads.slice(16);
		await Promise.all(present.slice(0, 15).map((p) => must(p, 'presence.check_in')));
		const noQuorum = await give(sg, 'election.open_vote');
		expect(outcome(noQuorum)).toEqual([409, 'no_quorum']);
		if (!noQuorum.ok) expect(noQuorum.error.message).toContain('30 accredited');

		// A 16th checks in: the vote opens on A and B.
		await must(present[15], 'presence.check_in');
		const openedSeq = await must(sg, 'election.open_vote');
		const opened = await heads[29].client.waitForEvent((m) => m.event.seq === openedSeq);
		expect(opened.event).toMatchObject({
			type: 'election.vote_opened',
			payload: {
				round: 1,
				candidates: [A, B],
				presentMemberStates: 16,
				accreditedMemberStates: 30
			},
			audience: 'public'
		});

		// Every present head votes: 9 for A, 7 for B.
		const choice = (p: Person) => (present.indexOf(p) < 9 ? A : B);
		const acks = await Promise.all(
			present.map((p) => give(p, 'election.cast', { candidateId: choice(p) }))
		);
		expect(acks.map(outcome)).toEqual(present.map(() => [200, 'ok']));

		// Refused: an absent State, a second vote, a Sector Member, a plain delegate.
		expect(outcome(await give(absent[0], 'election.cast', { candidateId: A }))).toEqual([
			409,
			'delegation_not_present'
		]);
		expect(outcome(await give(present[0], 'election.cast', { candidateId: B }))).toEqual([
			409,
			'already_voted'
		]);
		expect(outcome(await give(ericsson, 'election.cast', { candidateId: A }))).toEqual([
			403,
			'not_allowed'
		]);
		expect(outcome(await give(fraDelegate, 'election.cast', { candidateId: A }))).toEqual([
			403,
			'not_allowed'
		]);
		expect(
			outcome(await give(absent[0], 'election.nominate', { candidateId: absent[1].id }))
		).toEqual([409, 'vote_in_progress']);

		// Every client has all 16 public records before we look at what each received.
		const lastCast = Math.max(...acks.map((a) => (a.ok ? a.seq : 0)));
		await Promise.all(
			everyone.map((p) => p.client.waitForEvent((m) => m.event.seq >= lastCast - 1))
		);
		await Promise.all(
			present.map((p) => p.client.waitForEvent((m) => m.event.type === 'election.ballot_cast'))
		);

		// While open: a voter (the third client) sees who voted, and its own ballot only.
		const watcher = present[1];
		const seen = watcher.client.received.map((m) => m.event);
		expect(seen.filter((e) => e.type === 'election.ballot_recorded')).toHaveLength(16);
		for (const e of seen.filter((e) => e.type === 'election.ballot_recorded')) {
			expect(e.audience).toBe('public');
			expect(Object.keys(e.payload).sort()).toEqual(['delegationId', 'round']);
		}
		expect(seen.filter((e) => e.type === 'election.ballot_cast')).toEqual([
			expect.objectContaining({
				audience: `participant:${watcher.id}`,
				actor: watcher.id,
				payload: expect.objectContaining({ candidateId: A })
			})
		]);
		const watcherState = await stateAs(url, watcher.cookie);
		expect(watcherState.election.rounds[0].voted).toHaveLength(16);
		expect(Object.values(watcherState.election.rounds[0].ballots)).toEqual([A]);
		expect(watcherState.election.rounds[0].tally).toBeNull();
		for (const cookie of [ericsson.cookie, absent[0].cookie, sec]) {
			expect((await stateAs(url, cookie)).election.rounds[0].ballots).toEqual({});
		}

		// Across every client: each ballot went to its voter alone.
		for (const p of everyone) {
			const ballots = p.client.received.filter((m) => m.event.type === 'election.ballot_cast');
			for (const m of ballots) {
				expect(m.event.audience).toBe(`participant:${p.id}`);
				expect(m.event.actor).toBe(p.id);
			}
			expect([p.email, ballots.length]).toEqual([p.email, present.includes(p) ? 1 : 0]);
		}

		// Close: the tally is published and A takes office, live on every screen.
		await must(sg, 'election.close_vote');
		const elected = await Promise.all(
			everyone.map((p) => p.client.waitForEvent((m) => m.event.type === 'election.chair_elected'))
		);
		for (const m of elected) {
			expect(m.event).toMatchObject({ payload: { chairId: A, how: 'vote' }, audience: 'public' });
		}
		const closed = ericsson.client.received.find((m) => m.event.type === 'election.vote_closed');
		expect(closed?.event.payload).toEqual({
			round: 1,
			tally: { [A]: 9, [B]: 7 },
			votesCast: 16,
			elected: A
		});
		const after = await stateAs(url, ericsson.cookie);
		expect(after.chairId).toBe(A);
		expect(after.election.rounds[0]).toMatchObject({ tally: { [A]: 9, [B]: 7 }, ballots: {} });

		// Only the Chair presides now.
		const chair = head('BRA');
		for (const p of [sg, fraDelegate, head('FRA')]) {
			expect([p.email, ...outcome(await give(p, 'agenda.open', { item: 3 }))]).toEqual([
				p.email,
				403,
				'not_allowed'
			]);
		}
		expect(outcome(await give(sg, 'agenda.close', { item: 2 }))).toEqual([403, 'not_allowed']);
		expect(outcome(await give(sg, 'election.open_vote'))).toEqual([403, 'not_allowed']);
		await must(chair, 'agenda.close', { item: 2 });
		const item3 = await must(chair, 'agenda.open', { item: 3 });
		const shown = await ericsson.client.waitForEvent((m) => m.event.seq === item3);
		expect(shown.event).toMatchObject({ type: 'agenda.item_opened', payload: { item: 3 } });
		expect((await stateAs(url, sec)).currentItem).toBe(3);
	});
});

describe('a tied round', () => {
	it('elects nobody; the next round elects', async () => {
		const server = await startServer();
		servers.push(server);
		const url = server.url;
		// 28 accredited Member States: 15 checked in by the secretariat make a quorum.
		const sec = await login(url, 'secretariat@itu.demo');
		const voters = ['fra', 'bra', 'ken', 'chn', 'egy'];
		const [sg, ...heads] = await enter(url, [
			'sg@itu.demo',
			...voters.map((c) => `${c}.head@wtpf.demo`)
		]);
		const [fra, bra, ken, chn, egy] = heads;
		const http = api(url, sec);
		const checkIn = DEMO_MEMBER_STATES.slice(0, 15).map((c) => `p-${c.toLowerCase()}-head`);
		for (const participantId of checkIn) {
			const reply = await http.post(COMMANDS, {
				id: commandId(),
				type: 'presence.check_in',
				participantId
			});
			expect(reply.status).toBe(200);
		}
		await must(sg, 'forum.open');
		await must(sg, 'agenda.open', { item: 2 });
		const A = 'p-sau-head';
		const B = 'p-rus-head';
		await must(fra, 'election.nominate', { candidateId: A });
		await must(bra, 'election.second', { candidateId: A });
		await must(ken, 'election.nominate', { candidateId: B });
		await must(chn, 'election.second', { candidateId: B });
		await must(sg, 'election.open_vote');

		await must(fra, 'election.cast', { candidateId: A });
		await must(bra, 'election.cast', { candidateId: A });
		await must(ken, 'election.cast', { candidateId: B });
		await must(chn, 'election.cast', { candidateId: B });
		const tieSeq = await must(sg, 'election.close_vote');
		const tie = await egy.client.waitForEvent((m) => m.event.seq === tieSeq);
		expect(tie.event).toMatchObject({
			type: 'election.vote_closed',
			payload: { round: 1, tally: { [A]: 2, [B]: 2 }, votesCast: 4, elected: null }
		});
		expect((await stateAs(url, sec)).chairId).toBeNull();

		const round2 = await must(sg, 'election.open_vote');
		expect(
			(await egy.client.waitForEvent((m) => m.event.seq === round2)).event.payload
		).toMatchObject({ round: 2, candidates: [A, B] });
		for (const p of [fra, bra, egy]) await must(p, 'election.cast', { candidateId: A });
		await must(ken, 'election.cast', { candidateId: B });
		await must(sg, 'election.close_vote');
		const elected = await Promise.all(
			[sg, ...heads].map((p) =>
				p.client.waitForEvent((m) => m.event.type === 'election.chair_elected')
			)
		);
		for (const m of elected) expect(m.event.payload).toEqual({ chairId: A, how: 'vote' });
		const state = await stateAs(url, sec);
		expect(state.chairId).toBe(A);
		expect(state.election.rounds.map((r: { tally: unknown }) => r.tally)).toEqual([
			{ [A]: 2, [B]: 2 },
			{ [A]: 3, [B]: 1 }
		]);
	});
});
