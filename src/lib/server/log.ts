/**
 * Structured logs: one JSON line per thing that happened, on stdout (pino), for journald, a
 * container runtime or a log shipper to collect. `LOG_LEVEL` chooses how much (default info).
 * Never a password, a session token or a cookie: `REDACT_PATHS` censors them wherever they
 * would appear, and sign-ins carry a pseudonym of the email address, not the address itself.
 */
import { createHash } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

/** Where credentials sit in what might be logged: a request, its headers, a body, an error. */
export const REDACT_PATHS = [
	'password',
	'*.password',
	'newPassword',
	'*.newPassword',
	'token',
	'*.token',
	'sessionToken',
	'*.sessionToken',
	'cookie',
	'*.cookie',
	'cookies',
	'*.cookies',
	'authorization',
	'*.authorization',
	'*.headers.cookie',
	'*.headers.authorization',
	'*.headers["set-cookie"]',
	'headers.cookie',
	'headers.authorization',
	'headers["set-cookie"]',
	'req.headers.cookie',
	'req.headers.authorization',
	'res.headers["set-cookie"]',
	'handshake.headers.cookie',
	'handshake.auth'
];

export const REDACTED = '[redacted]';

function level(): string {
	const wanted = (process.env.LOG_LEVEL ?? 'info').toLowerCase();
	return wanted === 'silent' || wanted in pino.levels.values ? wanted : 'info';
}

/**
 * A logger writing JSON lines to `destination` (stdout by default, written synchronously so that
 * the last lines before a crash or `process.exit` are not lost).
 */
export function createLogger(
	destination: DestinationStream = pino.destination({ dest: 1, sync: true })
): Logger {
	return pino(
		{
			level: level(),
			base: { service: 'plenary', pid: process.pid },
			timestamp: pino.stdTimeFunctions.isoTime,
			formatters: { level: (label) => ({ level: label }) },
			redact: { paths: REDACT_PATHS, censor: REDACTED }
		},
		destination
	);
}

/**
 * The same logger without redaction, for a line whose every field is named where it is written
 * and none of them a credential: the line of each command (operations.ts). Redaction looks for
 * every path of `REDACT_PATHS`, wildcards included, in each object logged: about 18 µs a line
 * against 3.4 µs without, and a server under a stream of commands writes thousands a second
 * (BENCHMARKS.md, note 53). Anything else is logged through the redacting logger.
 */
export function withoutRedaction(logger: Logger): Logger {
	return logger.child({}, { redact: { paths: [], censor: REDACTED } });
}

const LOG_KEY = Symbol.for('plenary.log');
const shared = globalThis as Record<symbol, Logger | undefined>;

/**
 * The process's one logger. Left on a global so that server.js (outside the build) logs through
 * it too, and so that the dev server's module reloads do not open stdout again and again.
 */
export const log: Logger = (shared[LOG_KEY] ??= createLogger());

if (process.env.LOG_LEVEL && level() !== process.env.LOG_LEVEL.toLowerCase()) {
	log.warn({ LOG_LEVEL: process.env.LOG_LEVEL }, 'unknown LOG_LEVEL: logging at info');
}

/**
 * The same email address gives the same pseudonym, so that an operator can follow one
 * account's failed sign-ins without the log holding the address. A pseudonym, not an
 * anonymisation: whoever knows an address can compute it.
 */
export function emailPseudonym(email: string): string {
	return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16);
}
