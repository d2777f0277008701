import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, emailPseudonym, REDACTED, withoutRedaction } from './log';

/** A logger writing into an array of parsed lines. */
function captured() {
	const lines: string[] = [];
	const stream = new Writable({
		write(chunk, _encoding, done) {
			lines.push(...String(chunk).split('\n').filter(Boolean));
			done();
		}
	});
	return { logger: createLogger(stream), lines };
}

const PASSWORD = 'wtpf-2026-demo';
const TOKEN = 'k3yQ8vZ0rT1mW5nB7cX9dF2g';
const COOKIE = `plenary_session=${TOKEN}`;

describe('log', () => {
	it('writes one JSON object per line with a level, a time and the message', () => {
		const { logger, lines } = captured();
		logger.info({ forum: 'wtpf-26', commandType: 'agenda.open' }, 'command');
		expect(lines).toHaveLength(1);
		const line = JSON.parse(lines[0]);
		expect(line).toMatchObject({
			level: 'info',
			service: 'plenary',
			forum: 'wtpf-26',
			commandType: 'agenda.open',
			msg: 'command'
		});
		expect(Date.parse(line.time)).not.toBeNaN();
	});

	it('never writes a password, a session token, a cookie or an authorization header', () => {
		const { logger, lines } = captured();
		logger.info({ email: 'fra.head@wtpf.demo', password: PASSWORD }, 'a sign-in body');
		logger.info({ body: { password: PASSWORD, newPassword: `${PASSWORD}!` } }, 'nested body');
		logger.info({ token: TOKEN, session: { token: TOKEN } }, 'tokens');
		logger.info(
			{
				req: {
					method: 'POST',
					url: '/api/auth/login',
					headers: { cookie: COOKIE, authorization: `Bearer ${TOKEN}` }
				},
				res: { statusCode: 200, headers: { 'set-cookie': `${COOKIE}; HttpOnly` } }
			},
			'a request'
		);
		logger.info({ headers: { cookie: COOKIE } }, 'bare headers');
		logger.info({ handshake: { headers: { cookie: COOKIE }, auth: { protocol: 1 } } }, 'socket');
		logger.info({ cookies: { plenary_session: TOKEN } }, 'parsed cookies');
		const output = lines.join('\n');
		expect(lines).toHaveLength(7);
		expect(output).not.toContain(PASSWORD);
		expect(output).not.toContain(TOKEN);
		expect(output).toContain(REDACTED);
		// What is not a secret is kept.
		expect(JSON.parse(lines[3]).req).toMatchObject({ method: 'POST', url: '/api/auth/login' });
	});

	it('has a logger without redaction for named fields, and redacts the rest as before', () => {
		const { logger, lines } = captured();
		const plain = withoutRedaction(logger);
		plain.info({ forum: 'wtpf-26', token: 'not-a-secret-here' }, 'command');
		logger.info({ token: TOKEN }, 'tokens');
		const [first, second] = lines.map((line) => JSON.parse(line));
		expect(first).toMatchObject({ service: 'plenary', level: 'info', token: 'not-a-secret-here' });
		expect(second.token).toBe(REDACTED);
	});

	it('gives an email address a stable pseudonym that does not contain it', () => {
		const pseudonym = emailPseudonym('FRA.head@wtpf.demo ');
		expect(pseudonym).toBe(emailPseudonym('fra.head@wtpf.demo'));
		expect(pseudonym).not.toBe(emailPseudonym('bra.head@wtpf.demo'));
		expect(pseudonym).toMatch(/^[0-9a-f]{16}$/);
	});
});
