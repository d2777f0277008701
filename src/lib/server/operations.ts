/**
 * What operators see: /healthz, /readyz and /metrics, answered before the language and session
 * hooks (no session, no database for /healthz, never cached), and the log line and metrics of
 * every command.
 */
import type { IncomingMessage } from 'node:http';
import type { Handle, RequestEvent } from '@sveltejs/kit';
import type { Server } from 'socket.io';
import type { App } from './app';
import type { CommandObservation } from './forum.service';
import { liveness, readiness } from './health';
import { log, withoutRedaction } from './log';
import { countCommand, mayReadMetrics, metricsText, observeBroadcast, watch } from './metrics';

const NOT_CACHED = {
	'cache-control': 'no-store',
	'x-content-type-options': 'nosniff'
};

function json(body: unknown, status = 200): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { ...NOT_CACHED, 'content-type': 'application/json' }
	});
}

export const operations: Handle = async ({ event, resolve }) => {
	const { pathname } = event.url;
	if (pathname !== '/healthz' && pathname !== '/readyz' && pathname !== '/metrics') {
		return resolve(event);
	}
	const method = event.request.method;
	if (method !== 'GET' && method !== 'HEAD') {
		return new Response(null, { status: 405, headers: { ...NOT_CACHED, allow: 'GET, HEAD' } });
	}
	if (pathname === '/healthz') return json(liveness());
	if (pathname === '/readyz') {
		const ready = await readiness();
		return json(ready, ready.status === 'ok' ? 200 : 503);
	}
	if (!mayReadMetrics(event.request.headers, peerAddress(event))) {
		return new Response('Not Found', { status: 404, headers: NOT_CACHED });
	}
	const { body, contentType } = await metricsText();
	return new Response(body, { headers: { ...NOT_CACHED, 'content-type': contentType } });
};

/**
 * The address the connection came from. Not `getClientAddress()`: behind a proxy, with
 * ADDRESS_HEADER set, that is the forwarded client's address, and it throws for a direct request
 * without the header (Prometheus scraping 127.0.0.1).
 */
function peerAddress(event: RequestEvent): string {
	const req = (event.platform as { req?: IncomingMessage } | undefined)?.req;
	return req?.socket.remoteAddress ?? event.getClientAddress();
}

/** Log and count every command, time every broadcast, and let the metrics read the sockets and forums. */
export function observe(started: App, io: Server | undefined): void {
	watch({ io, forums: started.forums });
	started.forums.onCommand(logCommand);
	started.forums.onBroadcast((_forum, _events, ms) => observeBroadcast(ms));
}

function clip(value: unknown, length: number): string | undefined {
	return typeof value === 'string' ? value.slice(0, length) : undefined;
}

/**
 * The fields of a command's line: each named here, none of them a credential (the command's
 * type and id as sent, clipped), so the line is written without redaction (`withoutRedaction`;
 * operations.spec.ts checks that no field is a redacted name).
 */
export function commandLine({ forum, accountId, input, outcome, ms }: CommandObservation): {
	level: 'info' | 'warn' | 'error';
	fields: Record<string, string | number | undefined>;
	msg: string;
} {
	const sent = (typeof input === 'object' && input !== null ? input : {}) as Record<
		string,
		unknown
	>;
	const line = {
		forum: clip(forum, 64),
		commandType: clip(sent.type, 64),
		commandId: clip(sent.id, 80),
		participant: accountId,
		ms: Math.round(ms * 100) / 100
	};
	if (!outcome) {
		return {
			level: 'error',
			fields: { ...line, outcome: 'exception', status: 500 },
			msg: 'command failed'
		};
	}
	if (outcome.ok) {
		const result = outcome.duplicate ? 'duplicate' : 'ok';
		return {
			level: 'info',
			fields: {
				...line,
				outcome: result,
				status: 200,
				seq: outcome.seq,
				events: outcome.events?.length
			},
			msg: 'command'
		};
	}
	return {
		level: outcome.status >= 500 ? 'warn' : 'info',
		fields: { ...line, outcome: outcome.error.code, status: outcome.status },
		msg: 'command'
	};
}

/** Lines whose fields `commandLine` names: nothing in them to redact. */
const commandLog = withoutRedaction(log);

/** One line per command, whichever way it came (HTTP or socket): the operators' record. */
export function logCommand(observation: CommandObservation): void {
	const { level, fields, msg } = commandLine(observation);
	countCommand(fields.commandType, String(fields.outcome), observation.ms);
	commandLog[level](fields, msg);
}
