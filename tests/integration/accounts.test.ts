/**
 * Accounts against the real server (issue 9): a password change and a sign-out end every session
 * of the account, over HTTP and Socket.IO, on every device; and the audit log records sign-ins,
 * failures, sign-outs, password changes and accounts created, for the secretariat only, without
 * a password anywhere in it.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	api,
	commandId,
	connect,
	DEMO_FORUM as FORUM,
	DEMO_PASSWORD,
	fetchAgainIfClosed,
	login,
	startServer,
	type ForumClient,
	type TestServer
} from '../support/server';

let server: TestServer;
let secretariat: string;
const clients: ForumClient[] = [];

beforeAll(async () => {
	server = await startServer();
	secretariat = await login(server.url, 'secretariat@itu.demo');
});

afterAll(async () => {
	for (const client of clients) client.close();
	await server?.stop();
});

async function open(cookie: string): Promise<ForumClient> {
	const client = await connect(server.url, cookie);
	clients.push(client);
	const joined = await client.join(FORUM);
	expect(joined.ok).toBe(true);
	return client;
}

/** What a socket is told before it is closed, and how it was closed. */
function farewell(client: ForumClient) {
	return {
		closing: new Promise<{ code: string; reason: string }>((resolve) =>
			client.socket.once('closing', resolve)
		),
		gone: new Promise<string>((resolve) => client.socket.once('disconnect', resolve))
	};
}

function cookieFrom(response: { headers: Headers }): string | undefined {
	return response.headers
		.getSetCookie()
		.map((c) => c.split(';', 1)[0])
		.find((c) => c.startsWith('plenary_session=') && c !== 'plenary_session=');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- entries are read as JSON
async function audit(query = ''): Promise<any[]> {
	const reply = await api(server.url, secretariat).get(`/api/audit${query}`);
	expect(reply.status).toBe(200);
	return reply.body.entries;
}

describe('changing a password', () => {
	const EMAIL = 'ken.head@wtpf.demo';
	const NEW_PASSWORD = 'a new passphrase for Nairobi';

	it('ends every session and socket of the account, and keeps this device signed in', async () => {
		const laptop = await login(server.url, EMAIL);
		const tablet = await login(server.url, EMAIL);
		const tabletSocket = await open(tablet);
		const tabletEnd = farewell(tabletSocket);

		// Refused without a change: a wrong current password, a short new one, a malformed body.
		const asLaptop = api(server.url, laptop);
		const wrong = await asLaptop.post('/api/auth/password', {
			currentPassword: 'not the password at all',
			newPassword: NEW_PASSWORD
		});
		expect([wrong.status, wrong.body.error.code]).toEqual([403, 'wrong_password']);
		const short = await asLaptop.post('/api/auth/password', {
			currentPassword: DEMO_PASSWORD,
			newPassword: 'short'
		});
		expect([short.status, short.body.error.code]).toEqual([400, 'weak_password']);
		const malformed = await asLaptop.post('/api/auth/password', { password: NEW_PASSWORD });
		expect([malformed.status, malformed.body.error.code]).toEqual([400, 'malformed_request']);
		const nobody = await api(server.url).post('/api/auth/password', {
			currentPassword: DEMO_PASSWORD,
			newPassword: NEW_PASSWORD
		});
		expect([nobody.status, nobody.body.error.code]).toEqual([401, 'not_signed_in']);
		expect(tabletSocket.socket.connected).toBe(true);
		expect((await api(server.url, tablet).get('/api/me')).status).toBe(200);

		const changed = await fetchAgainIfClosed(`${server.url}/api/auth/password`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: laptop },
			body: JSON.stringify({ currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD })
		});
		expect(changed.status).toBe(200);
		expect(await changed.json()).toMatchObject({ ok: true, expiresAt: expect.any(Number) });
		const fresh = cookieFrom(changed);
		expect(fresh).toMatch(/^plenary_session=[A-Za-z0-9_-]{20,}$/);
		expect(fresh).not.toBe(laptop);

		// The other device's socket is told why, then closed by the server.
		expect(await tabletEnd.closing).toMatchObject({ code: 'password_changed' });
		expect(await tabletEnd.gone).toBe('io server disconnect');
		// Both old cookies are dead, over HTTP and for the handshake.
		for (const old of [laptop, tablet]) {
			const me = await api(server.url, old).get('/api/me');
			expect([me.status, me.body.error.code]).toEqual([401, 'not_signed_in']);
			await expect(connect(server.url, old)).rejects.toThrow('not_signed_in');
		}
		// This device goes on with its fresh session.
		expect((await api(server.url, fresh).get('/api/me')).body.account.email).toBe(EMAIL);
		await open(fresh!);

		// The old password no longer signs in; the new one does.
		const oldPassword = await api(server.url).post('/api/auth/login', {
			email: EMAIL,
			password: DEMO_PASSWORD
		});
		expect([oldPassword.status, oldPassword.body.error.code]).toEqual([401, 'bad_credentials']);
		await login(server.url, EMAIL, NEW_PASSWORD);

		// The audit log has it all, and no password.
		const entries = await audit('?account=p-ken-head');
		const kinds = entries.map((e) => [e.kind, e.detail]);
		expect(kinds).toContainEqual(['password_changed', null]);
		expect(kinds).toContainEqual(['password_change_failed', 'wrong_password']);
		expect(kinds).toContainEqual(['sign_in_failed', 'wrong_password']);
		expect(kinds.filter(([k]) => k === 'sign_in').length).toBeGreaterThanOrEqual(3);
		const text = JSON.stringify(await audit('?limit=1000'));
		for (const secret of [DEMO_PASSWORD, NEW_PASSWORD, 'not the password at all']) {
			expect(text).not.toContain(secret);
		}
		const changedAt = entries.find((e) => e.kind === 'password_changed');
		expect(changedAt).toMatchObject({
			accountId: 'p-ken-head',
			email: EMAIL,
			address: expect.stringMatching(/^[0-9a-f]{16}$/)
		});
	});
});

describe('signing out', () => {
	it('signs the account out on every device and closes all its sockets', async () => {
		const EMAIL = 'bra.head@wtpf.demo';
		const laptop = await login(server.url, EMAIL);
		const tablet = await login(server.url, EMAIL);
		const laptopEnd = farewell(await open(laptop));
		const tabletEnd = farewell(await open(tablet));

		const out = await api(server.url, laptop).post('/api/auth/logout');
		expect(out).toEqual({ status: 200, body: { ok: true } });
		for (const end of [laptopEnd, tabletEnd]) {
			expect(await end.closing).toMatchObject({ code: 'signed_out' });
			expect(await end.gone).toBe('io server disconnect');
		}
		for (const old of [laptop, tablet]) {
			expect((await api(server.url, old).get('/api/me')).status).toBe(401);
			await expect(connect(server.url, old)).rejects.toThrow('not_signed_in');
		}
		const entries = await audit('?kind=sign_out');
		expect(entries[0]).toMatchObject({ kind: 'sign_out', accountId: 'p-bra-head', email: EMAIL });
	});
});

describe('the audit log', () => {
	it('records failed sign-ins with the email tried, unknown accounts included', async () => {
		const anonymous = api(server.url);
		await anonymous.post('/api/auth/login', { email: 'Nobody@Nowhere.demo', password: 'x1' });
		await anonymous.post('/api/auth/login', { email: 'fra.head@wtpf.demo', password: 'x2' });
		const failed = await audit('?kind=sign_in_failed');
		expect(failed.slice(0, 2)).toMatchObject([
			{ email: 'fra.head@wtpf.demo', accountId: 'p-fra-head', detail: 'wrong_password' },
			{ email: 'nobody@nowhere.demo', accountId: null, detail: 'unknown_email' }
		]);
		expect(failed.every((e) => e.kind === 'sign_in_failed')).toBe(true);
	});

	it('records accounts created by registration, with who registered them', async () => {
		const reply = await api(server.url, secretariat).post(`/api/forums/${FORUM}/commands`, {
			id: commandId(),
			type: 'participant.register',
			name: 'Amina Diallo',
			email: 'amina.diallo@wtpf.demo',
			delegationId: 'FRA',
			role: 'delegate'
		});
		expect([reply.status, reply.body.error]).toEqual([200, undefined]);
		const [created] = await audit('?kind=account_created');
		expect(created).toMatchObject({
			email: 'amina.diallo@wtpf.demo',
			name: 'Amina Diallo',
			actorId: 'p-sec',
			forum: FORUM,
			detail: 'participant.register'
		});
	});

	it('pages from the newest entry to the oldest', async () => {
		const first = await api(server.url, secretariat).get('/api/audit?limit=2');
		expect(first.body.entries).toHaveLength(2);
		expect(first.body.next).toBe(first.body.entries[1].id);
		const second = await api(server.url, secretariat).get(
			`/api/audit?limit=2&before=${first.body.next}`
		);
		expect(second.body.entries[0].at).toBeLessThanOrEqual(first.body.entries[1].at);
		expect(second.body.entries[0].id < first.body.entries[1].id).toBe(true);
		const bad = await api(server.url, secretariat).get('/api/audit?kind=everything');
		expect([bad.status, bad.body.error.code]).toEqual([400, 'malformed_request']);
	});

	it('is shown to the secretariat only', async () => {
		const delegate = await login(server.url, 'fra.delegate@wtpf.demo');
		const refused = await api(server.url, delegate).get('/api/audit');
		expect([refused.status, refused.body.error.code]).toEqual([403, 'not_allowed']);
		expect(JSON.stringify(refused.body)).not.toContain('sign_in');
		const anonymous = await api(server.url).get('/api/audit');
		expect(anonymous.status).toBe(401);

		const page = (cookie: string, forum = FORUM) =>
			fetchAgainIfClosed(`${server.url}/forums/${forum}/audit`, {
				headers: { cookie },
				redirect: 'manual'
			});
		const shown = await page(secretariat);
		expect(shown.status).toBe(200);
		const html = await shown.text();
		expect(html).toContain('Audit log of accounts');
		expect(html).toContain('Failed sign-in');
		expect(html).toContain('nobody@nowhere.demo');
		for (const [cookie, forum] of [
			[delegate, FORUM],
			[secretariat, 'no-such-forum']
		]) {
			const hidden = await page(cookie, forum);
			expect(hidden.status).toBe(404);
			expect(await hidden.text()).not.toContain('nobody@nowhere.demo');
		}
		// The forum page links the secretariat to it, and nobody else.
		const forumPage = (cookie: string) =>
			fetchAgainIfClosed(`${server.url}/forums/${FORUM}`, { headers: { cookie } }).then((r) =>
				r.text()
			);
		expect(await forumPage(secretariat)).toContain(`/forums/${FORUM}/audit`);
		expect(await forumPage(delegate)).not.toContain(`/forums/${FORUM}/audit`);
	});
});

describe('the password form', () => {
	it('changes the password from the page, with the same effects', async () => {
		const EMAIL = 'egy.head@wtpf.demo';
		const cookie = await login(server.url, EMAIL);
		const other = farewell(await open(await login(server.url, EMAIL)));
		const form = await fetchAgainIfClosed(`${server.url}/account/password?forum=${FORUM}`, {
			headers: { cookie }
		});
		expect(form.status).toBe(200);
		expect(await form.text()).toContain('autocomplete="new-password"');

		const post = (fields: Record<string, string>) =>
			fetchAgainIfClosed(`${server.url}/account/password`, {
				method: 'POST',
				headers: {
					cookie,
					origin: server.url,
					accept: 'application/json',
					'x-sveltekit-action': 'true',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams(fields).toString()
			});
		const differ = await post({
			current: DEMO_PASSWORD,
			next: 'the Nile at Aswan 2026',
			repeat: 'the Nile at Aswan 2027'
		});
		expect((await differ.json()).type).toBe('failure');
		expect((await api(server.url, cookie).get('/api/me')).status).toBe(200);

		const done = await post({
			current: DEMO_PASSWORD,
			next: 'the Nile at Aswan 2026',
			repeat: 'the Nile at Aswan 2026'
		});
		expect(await done.json()).toMatchObject({ type: 'success' });
		expect(cookieFrom(done)).toBeDefined();
		expect(await other.closing).toMatchObject({ code: 'password_changed' });
		expect((await api(server.url, cookie).get('/api/me')).status).toBe(401);
		await login(server.url, EMAIL, 'the Nile at Aswan 2026');
	});

	it('sends a visitor who is not signed in to the sign-in page', async () => {
		const response = await fetchAgainIfClosed(`${server.url}/account/password`, {
			redirect: 'manual'
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/login?next=%2Faccount%2Fpassword');
	});
});

describe('cookies and headers', () => {
	// reads the SQLite file (the PostgreSQL run of the suite skips it)
	const onSqlite = process.env.PLENARY_TEST_DATABASE !== 'postgres';
	it.runIf(onSqlite)(
		'keeps the session in an httpOnly, SameSite=Lax cookie, stored only as a hash',
		async () => {
			const response = await fetchAgainIfClosed(`${server.url}/api/auth/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email: 'sm-ericsson@wtpf.demo', password: DEMO_PASSWORD })
			});
			expect(response.status).toBe(200);
			const header = response.headers.getSetCookie().find((c) => c.startsWith('plenary_session='))!;
			const attributes = header.split(';').map((a) => a.trim().toLowerCase());
			expect(attributes).toContain('httponly');
			expect(attributes).toContain('samesite=lax');
			expect(attributes).toContain('path=/');
			// plain http here: Secure would make the browser drop it (over https: see below)
			expect(attributes).not.toContain('secure');
			const token = header.split(';', 1)[0].slice('plenary_session='.length);
			const db = new Database(server.dbPath, { readonly: true });
			try {
				const ids = db.prepare('SELECT id FROM sessions').all() as { id: string }[];
				const hash = createHash('sha256').update(token).digest('hex');
				expect(ids.map((r) => r.id)).toContain(hash);
				expect(ids.map((r) => r.id)).not.toContain(token);
			} finally {
				db.close();
			}
		}
	);

	it('marks the cookie Secure behind https (ORIGIN=https://…)', async () => {
		const behindProxy = await startServer({ env: { ORIGIN: 'https://plenary.example' } });
		try {
			const response = await fetchAgainIfClosed(`${behindProxy.url}/api/auth/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email: 'sm-ericsson@wtpf.demo', password: DEMO_PASSWORD })
			});
			expect(response.status).toBe(200);
			const header = response.headers.getSetCookie().find((c) => c.startsWith('plenary_session='));
			expect(header?.toLowerCase()).toMatch(/;\s*secure(;|$)/);
		} finally {
			await behindProxy.stop();
		}
	});

	it('sends the security headers and a Content-Security-Policy without inline scripts', async () => {
		const cookie = await login(server.url, 'sm-ericsson@wtpf.demo');
		for (const path of ['/login', `/forums/${FORUM}`, '/api/me']) {
			const response = await fetchAgainIfClosed(`${server.url}${path}`, {
				headers: path === '/login' ? {} : { cookie },
				redirect: 'manual'
			});
			await response.body?.cancel();
			expect([path, response.headers.get('x-content-type-options')]).toEqual([path, 'nosniff']);
			expect(response.headers.get('referrer-policy')).toBe('same-origin');
			expect(response.headers.get('x-frame-options')).toBe('DENY');
			if (path === '/api/me') continue;
			const csp = response.headers.get('content-security-policy') ?? '';
			const scripts = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
			expect(scripts).toContain("'self'");
			expect(scripts).not.toContain('unsafe-inline');
			expect(csp).toContain("frame-ancestors 'none'");
			expect(csp).toContain("object-src 'none'");
		}
	});
});

// Last: the failures it makes lock sign-ins from this address (all tests share one) for 30 s.
describe('throttling', () => {
	const NEW_PASSWORD = 'a new passphrase for Buenos Aires';

	it('counts wrong current passwords like failed sign-ins', async () => {
		const cookie = await login(server.url, 'arg.head@wtpf.demo');
		const asArg = api(server.url, cookie);
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) {
			const reply = await asArg.post('/api/auth/password', {
				currentPassword: `guess number ${i}`,
				newPassword: NEW_PASSWORD
			});
			statuses.push(reply.status);
		}
		expect(statuses).toEqual([403, 403, 403, 403, 403, 429]);
		// Nothing changed: the session still works.
		expect((await asArg.get('/api/me')).status).toBe(200);
	});
});
