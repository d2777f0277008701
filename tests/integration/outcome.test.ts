/**
 * A full item 8 through the real built server, over Socket.IO, with 40 delegations checked in;
 * then the outcome documents it produces (the Chair's report and the adopted opinions, as DOCX
 * in English and French, read back from their XML) and the forum's history.
 */
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandAck } from '../../src/lib/protocol';
import { DEMO_OPINIONS, DEMO_PARTICIPANTS } from '../../src/lib/server/demo.data';
import {
	api,
	commandId,
	connect,
	DEMO_FORUM as FORUM,
	login,
	startServer,
	type ForumClient,
	type TestServer
} from '../support/server';

const servers: TestServer[] = [];
const clients: ForumClient[] = [];

afterAll(async () => {
	for (const client of clients) client.close();
	await Promise.all(servers.map((s) => s.stop()));
});

interface Person {
	email: string;
	cookie: string;
	client: ForumClient;
	id: string;
}

/** Signs in (in batches: each sign-in verifies an argon2 hash), connects and joins the forum. */
async function enter(url: string, emails: string[], batch = 8): Promise<Person[]> {
	const cookies: string[] = [];
	for (let i = 0; i < emails.length; i += batch) {
		cookies.push(...(await Promise.all(emails.slice(i, i + batch).map((e) => login(url, e)))));
	}
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

/** The command must be accepted; returns the seq its last event got. */
async function must(person: Person, type: string, payload: Record<string, unknown> = {}) {
	const ack = await give(person, type, payload);
	if (!ack.ok) throw new Error(`${person.email} ${type}: ${JSON.stringify(ack)}`);
	return ack.seq;
}

function outcome(ack: CommandAck): [number, string] {
	return ack.ok ? [200, 'ok'] : [ack.status, ack.error.code];
}

/** The named entry of a ZIP archive, inflated: read through the central directory. */
function unzip(archive: Buffer, name: string): string {
	const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (end < 0) throw new Error('not a ZIP archive');
	const entries = archive.readUInt16LE(end + 10);
	let at = archive.readUInt32LE(end + 16);
	for (let i = 0; i < entries; i++) {
		if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
		const method = archive.readUInt16LE(at + 10);
		const size = archive.readUInt32LE(at + 20);
		const nameLength = archive.readUInt16LE(at + 28);
		const extraLength = archive.readUInt16LE(at + 30);
		const commentLength = archive.readUInt16LE(at + 32);
		const local = archive.readUInt32LE(at + 42);
		const entryName = archive.toString('utf8', at + 46, at + 46 + nameLength);
		if (entryName === name) {
			const start =
				local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
			const data = archive.subarray(start, start + size);
			return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
		}
		at += 46 + nameLength + extraLength + commentLength;
	}
	throw new Error(`${name} is not in the archive`);
}

const unescapeXml = (text: string) =>
	text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
		.replace(/&amp;/g, '&');

/** The paragraphs of word/document.xml as plain text, tabs as \t. */
function paragraphsOf(documentXml: string): string[] {
	const paragraphs = documentXml.match(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g) ?? [];
	return paragraphs.map((p) =>
		[...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
			.map((m) => (m[0] === '<w:tab/>' ? '\t' : unescapeXml(m[1])))
			.join('')
	);
}

/** Downloads a DOCX as `cookie` and returns its paragraphs, checking how it is served. */
async function docx(url: string, cookie: string, file: string, lang: 'en' | 'fr') {
	const response = await fetch(`${url}/api/forums/${FORUM}/outcome/${file}?lang=${lang}`, {
		headers: { cookie }
	});
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toBe(
		'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
	);
	expect(response.headers.get('content-disposition')).toBe(
		`attachment; filename="${FORUM}-${file.replace('.docx', '')}-${lang}.docx"`
	);
	const archive = Buffer.from(await response.arrayBuffer());
	return paragraphsOf(unzip(archive, 'word/document.xml'));
}

/** The line after the heading that starts with `heading`. */
function after(lines: string[], heading: string): string {
	const index = lines.findIndex((l) => l.startsWith(heading));
	if (index < 0) throw new Error(`no line starts with "${heading}"`);
	return lines[index + 1];
}

const RESERVATION =
	'The United States reserves its position on operative paragraph 2 of this opinion.';
const OBJECTION_3 = 'The Russian Federation cannot accept operative paragraph 1 as drafted.';
const OBJECTION_4 = 'China considers that operative paragraph 1 goes beyond the report.';
const AMENDED =
	'invites Member States to take into account the environmental impact of telecommunications/ICTs, including electronic waste, in their national policies;';
const ORIGINAL_2_P3 = DEMO_OPINIONS[1].paragraphs[2].text;

describe('item 8 with 40 delegations, and the outcome documents it produces', () => {
	let url: string;
	let delegates: Person[];
	let sg: Person;
	let secretariat: Person;

	// Starting the server and 42 sign-ins (argon2) take most of the time: done before the test.
	beforeAll(async () => {
		const server = await startServer();
		servers.push(server);
		url = server.url;
		// One participant of each of 40 delegations (of the demo's 41), and the secretariat.
		const perDelegation = new Map<string, string>();
		for (const p of DEMO_PARTICIPANTS) {
			if (p.delegationId && !perDelegation.has(p.delegationId)) {
				perDelegation.set(p.delegationId, p.email);
			}
		}
		const emails = [...perDelegation.values()].slice(0, 40);
		expect(emails).toHaveLength(40);
		delegates = await enter(url, emails);
		[sg, secretariat] = await enter(url, ['sg@itu.demo', 'secretariat@itu.demo']);
	});

	it('decides five opinions over Socket.IO; the DOCX files and the history say exactly that', async () => {
		const who = (email: string) => delegates.find((d) => d.email === email)!;
		const [france, brazil, kenya, usa, germany, japan, russia, china, ericsson] = [
			'fra.head@wtpf.demo',
			'bra.head@wtpf.demo',
			'ken.head@wtpf.demo',
			'usa.head@wtpf.demo',
			'deu.head@wtpf.demo',
			'jpn.head@wtpf.demo',
			'rus.head@wtpf.demo',
			'chn.head@wtpf.demo',
			'sm-ericsson@wtpf.demo'
		].map(who);
		const chair = kenya;

		// The forum opens; all 40 check in from their tablets; Kenya's head is elected Chair.
		await must(sg, 'forum.open');
		const present = await Promise.all(delegates.map((d) => give(d, 'presence.check_in')));
		expect(present.map(outcome).filter(([status]) => status !== 200)).toEqual([]);
		await must(sg, 'agenda.open', { item: 1 });
		await must(sg, 'agenda.close', { item: 1 });
		await must(sg, 'agenda.open', { item: 2 });
		await must(france, 'election.nominate', { candidateId: chair.id });
		await must(brazil, 'election.second', { candidateId: chair.id });
		await must(sg, 'election.declare_acclaimed');
		await must(chair, 'agenda.close', { item: 2 });
		await must(chair, 'agenda.open', { item: 8 });

		// A statement under item 8, by France on behalf of a group.
		// A request's id is the id of the command that made it.
		const requestId = commandId();
		const asked = await france.client.command(FORUM, {
			id: requestId,
			type: 'floor.request',
			kind: 'statement',
			onBehalfOf: 'CEPT'
		});
		expect(outcome(asked)).toEqual([200, 'ok']);
		await must(chair, 'floor.give', { requestId });
		await must(chair, 'floor.end');

		// Opinion 1: twenty delegations support it, the United States states a reservation; adopted.
		await must(chair, 'opinion.take_up', { opinion: 1 });
		const supports = await Promise.all(
			delegates
				.filter((d) => d !== usa)
				.slice(0, 20)
				.map((d) => give(d, 'opinion.stance', { opinion: 1, stance: 'support' }))
		);
		expect(supports.map(outcome).filter(([status]) => status !== 200)).toEqual([]);
		const beforeAdoption = await must(usa, 'opinion.stance', {
			opinion: 1,
			stance: 'reservation',
			text: RESERVATION
		});
		const adoption = await must(chair, 'opinion.declare_consensus', { opinion: 1 });

		// Opinion 2: Germany's amendment, seconded by Japan, accepted; adopted with amendments.
		await must(chair, 'opinion.take_up', { opinion: 2 });
		const amendmentId = commandId();
		const proposed = await germany.client.command(FORUM, {
			id: amendmentId,
			type: 'amendment.propose',
			opinion: 2,
			change: { kind: 'replace', paragraphId: 'p3', text: AMENDED }
		});
		expect(outcome(proposed)).toEqual([200, 'ok']);
		await must(japan, 'amendment.second', { opinion: 2, amendmentId });
		await must(chair, 'amendment.accept', { opinion: 2, amendmentId });
		await must(chair, 'opinion.declare_consensus', { opinion: 2 });

		// Opinion 3: the Russian Federation objects, so no consensus; it withdraws; adopted.
		await must(chair, 'opinion.take_up', { opinion: 3 });
		await must(russia, 'opinion.stance', { opinion: 3, stance: 'objection', text: OBJECTION_3 });
		expect(outcome(await give(chair, 'opinion.declare_consensus', { opinion: 3 }))).toEqual([
			409,
			'objection_stands'
		]);
		await must(russia, 'opinion.stance', { opinion: 3, stance: 'none' });
		await must(chair, 'opinion.declare_consensus', { opinion: 3 });

		// Opinion 4: China objects; the Chair declares there is no consensus.
		await must(chair, 'opinion.take_up', { opinion: 4 });
		await must(china, 'opinion.stance', { opinion: 4, stance: 'objection', text: OBJECTION_4 });
		await must(ericsson, 'opinion.stance', { opinion: 4, stance: 'support' });
		await must(chair, 'opinion.declare_no_consensus', { opinion: 4 });

		// Opinion 5: deferred, taken up again, adopted.
		await must(chair, 'opinion.take_up', { opinion: 5 });
		await must(chair, 'opinion.defer', { opinion: 5 });
		await must(chair, 'opinion.take_up', { opinion: 5 });
		await must(chair, 'opinion.declare_consensus', { opinion: 5 });

		// The secretariat records the adopted texts; a text not adopted cannot be recorded.
		for (const opinion of [1, 2, 3, 5])
			await must(secretariat, 'opinion.record_adopted', { opinion });
		expect(outcome(await give(secretariat, 'opinion.record_adopted', { opinion: 4 }))).toEqual([
			409,
			'not_adopted'
		]);

		// The Chair's report, read by an observer, in English: each opinion's outcome exactly.
		const reader = who('ob-pse@wtpf.demo');
		const report = await docx(url, reader.cookie, 'chair-report.docx', 'en');
		const titles = DEMO_OPINIONS.map((o) => o.title);
		expect(titles.map((title, i) => after(report, `Draft opinion ${i + 1}: ${title}`))).toEqual([
			'Outcome: Adopted',
			'Outcome: Adopted with amendments',
			'Outcome: Adopted',
			'Outcome: Not adopted',
			'Outcome: Adopted'
		]);
		expect(report.filter((l) => l === 'Outcome: Not adopted')).toHaveLength(1);
		expect(report.filter((l) => l === 'Outcome: Deferred')).toHaveLength(0);
		expect(report).toContain(`United States: ${RESERVATION}`);
		expect(report).toContain(`China: ${OBJECTION_4}`);
		// A withdrawn objection is not on the record.
		expect(report.join('\n')).not.toContain(OBJECTION_3);
		expect(report).toContain(
			'New wording of operative paragraph 1. Proposed by Germany, seconded by Japan.'
		);
		expect(report).toContain(AMENDED);
		expect(report.find((l) => l.startsWith('Chair: '))).toMatch(
			/^Chair: .+ \(Kenya\), elected by acclamation on /
		);
		expect(
			report.filter((l) => /^.+ \(France\): Statement, on behalf of CEPT, .+, \d+ s$/.test(l))
		).toHaveLength(1);

		// The same in French.
		// the opinions' titles in French where the forum gives them (the demo does, for every one)
		const titres = DEMO_OPINIONS.map((o) => o.titleTranslations.fr ?? o.title);
		const rapport = await docx(url, reader.cookie, 'chair-report.docx', 'fr');
		expect(titres.map((title, i) => after(rapport, `Projet d'avis ${i + 1} : ${title}`))).toEqual([
			'Résultat : Adopté',
			'Résultat : Adopté avec amendements',
			'Résultat : Adopté',
			'Résultat : Non adopté',
			'Résultat : Adopté'
		]);
		expect(rapport[1]).toBe('Rapport du Président');
		expect(rapport).toContain(`United States : ${RESERVATION}`);

		// The adopted opinions: 1, 2, 3 and 5, with opinion 2 as amended; opinion 4 is not there.
		const opinions = await docx(url, reader.cookie, 'adopted-opinions.docx', 'en');
		expect(opinions.filter((l) => /^Opinion \d: /.test(l))).toEqual(
			[1, 2, 3, 5].map((n) => `Opinion ${n}: ${titles[n - 1]}`)
		);
		expect(after(opinions, 'Opinion 2: ')).toMatch(
			/^Adopted with amendments\. Final text recorded by the secretariat on .+\. \(Illustrative text\)$/
		);
		expect(after(opinions, 'Opinion 1: ')).toMatch(/^Adopted\. Final text recorded/);
		expect(opinions).toContain(`1\t${AMENDED}`);
		expect(opinions.join('\n')).not.toContain(ORIGINAL_2_P3);
		expect(opinions.join('\n')).not.toContain(DEMO_OPINIONS[3].paragraphs[0].text);
		const avis = await docx(url, reader.cookie, 'adopted-opinions.docx', 'fr');
		expect(avis.filter((l) => /^Avis \d : /.test(l))).toEqual(
			[1, 2, 3, 5].map((n) => `Avis ${n} : ${titles[n - 1]}`)
		);
		expect(after(avis, 'Avis 2 : ')).toMatch(/^Adopté avec amendements\. Texte final enregistré/);
		expect(avis).toContain(`1\t${AMENDED}`);

		// Downloads are for the forum's participants, in English or French.
		const file = `/api/forums/${FORUM}/outcome/chair-report.docx`;
		expect((await api(url).get(file)).status).toBe(401);
		expect((await api(url, reader.cookie).get(`${file}?lang=de`)).status).toBe(400);
		const elsewhere = await api(url, reader.cookie).get(
			'/api/forums/nowhere/outcome/chair-report.docx'
		);
		expect([elsewhere.status, elsewhere.body.error.code]).toEqual([404, 'no_such_forum']);

		// History: before the adoption, opinion 1 was under consideration; after it, adopted.
		const sec = api(url, secretariat.cookie);
		const past = await sec.get(`/api/forums/${FORUM}/history?seq=${beforeAdoption}`);
		expect(past.status).toBe(200);
		expect(past.body.seq).toBe(beforeAdoption);
		expect(past.body.state.opinions[0].status).toBe('under_consideration');
		expect(past.body.state.opinions[0].stances.USA.text).toBe(RESERVATION);
		expect(past.body.state.chairId).toBe(chair.id);
		expect(past.body.state.currentItem).toBe(8);
		const then = await sec.get(`/api/forums/${FORUM}/history?seq=${adoption}`);
		expect(then.body.state.opinions[0].status).toBe('adopted');
		const events = await sec.get(`/api/forums/${FORUM}/events?after=${adoption - 1}&limit=1`);
		const adoptedAt = events.body.events[0].at as number;
		expect(events.body.events[0].type).toBe('opinion.decided');
		const atTime = await sec.get(`/api/forums/${FORUM}/history?at=${adoptedAt}`);
		expect(atTime.body.state.opinions[0].status).toBe('adopted');
		expect(atTime.body.at).toBe(adoptedAt);
		expect(atTime.body.seq).toBeGreaterThanOrEqual(adoption);
		const atStart = await sec.get(`/api/forums/${FORUM}/history?seq=0`);
		expect([atStart.body.seq, atStart.body.at, atStart.body.state.opinions]).toEqual([0, null, []]);
		expect((await api(url, france.cookie).get(`/api/forums/${FORUM}/history?seq=1`)).body).toEqual({
			error: {
				code: 'not_allowed',
				message: "Only the secretariat may look back in the forum's history."
			}
		});
		expect((await sec.get(`/api/forums/${FORUM}/history?seq=1&at=2`)).status).toBe(400);

		// The printable pages and the history page.
		const page = await fetch(`${url}/forums/${FORUM}/outcome/report?lang=fr`, {
			headers: { cookie: reader.cookie }
		});
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Adopté avec amendements');
		const historyPage = await fetch(`${url}/forums/${FORUM}/history?seq=${beforeAdoption}`, {
			headers: { cookie: secretariat.cookie }
		});
		expect(historyPage.status).toBe(200);
		expect(await historyPage.text()).toContain('under consideration');
		const forbidden = await fetch(`${url}/forums/${FORUM}/history`, {
			headers: { cookie: france.cookie }
		});
		expect(forbidden.status).toBe(403);
	});
});
