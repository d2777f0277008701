import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { commandTypeLabel, countRoomMembers, mayReadMetrics, outcomeLabel } from './metrics';

describe('metrics labels', () => {
	it('labels only the command types there are, so a client cannot add series', () => {
		expect(commandTypeLabel('agenda.open')).toBe('agenda.open');
		expect(commandTypeLabel('agenda.open.' + 'x'.repeat(500))).toBe('unknown');
		expect(commandTypeLabel(42)).toBe('unknown');
		expect(outcomeLabel('not_allowed')).toBe('not_allowed');
		expect(outcomeLabel('Not Allowed <script>')).toBe('other');
	});

	it('counts sockets per forum and audience, personal rooms as one audience', () => {
		// never attached to an HTTP server: only its adapter's rooms are used
		const io = new Server();
		const rooms = io.of('/').adapter;
		rooms.addAll('a', new Set(['forum:wtpf-26:public', 'forum:wtpf-26:participant:p-fra-head']));
		rooms.addAll('b', new Set(['forum:wtpf-26:public', 'forum:wtpf-26:member_states']));
		rooms.addAll('c', new Set(['forum:wtpf-26:public', 'forum:wtpf-26:participant:p-bra-head']));
		rooms.addAll('d', new Set(['forum:wtpf-13:public', 'account:p-fra-head', 'session:x']));
		const counts = countRoomMembers(io);
		expect(Object.fromEntries(counts)).toEqual({
			'wtpf-26\u0000public': 3,
			'wtpf-26\u0000participant': 2,
			'wtpf-26\u0000member_states': 1,
			'wtpf-13\u0000public': 1
		});
	});
});

describe('who may read /metrics', () => {
	const saved = process.env.METRICS_TOKEN;
	afterEach(() => {
		if (saved === undefined) delete process.env.METRICS_TOKEN;
		else process.env.METRICS_TOKEN = saved;
	});
	const headers = (init: Record<string, string> = {}) => new Headers(init);

	it('loopback, unless the request came through a proxy', () => {
		delete process.env.METRICS_TOKEN;
		expect(mayReadMetrics(headers(), '127.0.0.1')).toBe(true);
		expect(mayReadMetrics(headers(), '::1')).toBe(true);
		expect(mayReadMetrics(headers(), '::ffff:127.0.0.1')).toBe(true);
		expect(mayReadMetrics(headers(), '10.0.0.7')).toBe(false);
		expect(mayReadMetrics(headers({ 'x-forwarded-for': '203.0.113.9' }), '127.0.0.1')).toBe(false);
		expect(mayReadMetrics(headers({ 'x-real-ip': '203.0.113.9' }), '127.0.0.1')).toBe(false);
	});

	it('anyone with the bearer token when METRICS_TOKEN is set', () => {
		process.env.METRICS_TOKEN = 'scrape-secret';
		const bearer = (token: string) => headers({ authorization: `Bearer ${token}` });
		expect(mayReadMetrics(bearer('scrape-secret'), '10.0.0.7')).toBe(true);
		expect(mayReadMetrics(bearer('scrape-secret!'), '10.0.0.7')).toBe(false);
		expect(mayReadMetrics(bearer(''), '10.0.0.7')).toBe(false);
		expect(mayReadMetrics(headers(), '10.0.0.7')).toBe(false);
		expect(mayReadMetrics(headers(), '127.0.0.1')).toBe(true);
	});
});
