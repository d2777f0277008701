/**
 * What a delegate did while offline: requests for the floor, stances and observations are kept on
 * the device (per forum and participant, like the offline reading copy, and cleared on sign-out
 * with it), each with the command id it was given when the delegate acted, and sent in order once
 * the connection is back. The server applies a command id once and answers a retry with
 * `duplicate: true`, so an item whose answer was lost is simply sent again. An item the server
 * refuses (the list closed, the opinion adopted meanwhile) stays, with the server's reason, until
 * the delegate dismisses it. Every other command needs a connection: it is never kept.
 */
import type { ApiError, CommandAck } from '$lib/protocol';
import { keepingOnDevice } from './offline-cache';

/** A command as sent: its client-generated `id`, its `type` and its payload's fields. */
export interface OutboxCommand {
	id: string;
	type: string;
	[field: string]: unknown;
}

export interface OutboxItem {
	command: OutboxCommand;
	/** `pending`: not delivered yet (or on its way); `refused`: the server said no, and why */
	status: 'pending' | 'refused';
	/** when the delegate acted, on this device's clock */
	keptAt: number;
	refusal: ApiError | null;
}

/** The subset of `localStorage` the outbox uses (tests pass their own). */
export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Whether a command may wait in the outbox: a delegate's own request for the floor (the presiding
 * officer's grant of a right of reply names a `participantId` and needs a connection), a stance,
 * an observation. Chair's and secretariat's commands act on the room as it is now: never kept.
 */
export function mayKeep(command: { type: string; participantId?: unknown }): boolean {
	switch (command.type) {
		case 'floor.request':
			return command.participantId === undefined || command.participantId === null;
		case 'opinion.stance':
		case 'observation.submit':
			return true;
		default:
			return false;
	}
}

/**
 * Not delivered, to be sent again later: no answer at all (offline, timed out: status 0), too many
 * at once (429, the message says how long to wait), or the server failing (5xx). Every other
 * answer is the server's decision.
 */
export function undelivered(ack: CommandAck): boolean {
	return !ack.ok && (ack.status === 0 || ack.status === 429 || ack.status >= 500);
}

/** What `flush` ended with: everything answered, or stopped at an item not delivered. */
export type FlushResult = 'sent' | 'stalled';

export class Outbox {
	items = $state<OutboxItem[]>([]);
	/** how many items wait to be sent (the offline banner shows it) */
	readonly waiting = $derived(this.items.filter((i) => i.status === 'pending').length);
	private flushing: Promise<FlushResult> | null = null;
	private restored = false;

	constructor(
		private readonly forum: string,
		private readonly participantId: string,
		private readonly storage: OutboxStorage | null = browserStorage()
	) {}

	private get key(): string {
		return `plenary:outbox:${this.forum}:${this.participantId}`;
	}

	/** Reads what this device kept (in the browser, once the page runs: not during hydration). */
	restore(): void {
		this.restored = true;
		let kept: OutboxItem[] = [];
		try {
			const raw = this.storage?.getItem(this.key);
			const parsed: unknown = raw ? JSON.parse(raw) : [];
			if (Array.isArray(parsed)) kept = parsed.filter(isItem);
		} catch {
			// unreadable: nothing was kept
		}
		const known = kept.map((i) => i.command.id);
		this.items = [...kept, ...this.items.filter((i) => !known.includes(i.command.id))];
	}

	/** Keeps a command, with its id, at the end of the queue. */
	keep(command: OutboxCommand, now = Date.now()): void {
		// what this device kept comes first, and must not be overwritten by this page's items
		if (!this.restored) this.restore();
		if (this.items.some((i) => i.command.id === command.id)) return;
		this.items.push({ command, status: 'pending', keptAt: now, refusal: null });
		this.save();
	}

	/** The delegate has read a refusal: forget the item. */
	dismiss(id: string): void {
		this.items = this.items.filter((i) => i.command.id !== id || i.status !== 'refused');
		this.save();
	}

	/** The items of one kind (and matching `where`), oldest first: for the place the action was taken. */
	of(type: string, where: (command: OutboxCommand) => boolean = () => true): OutboxItem[] {
		return this.items.filter((i) => i.command.type === type && where(i.command));
	}

	/**
	 * Sends the pending items one at a time, oldest first, each with its own id, each waiting for
	 * the previous answer (so the server sees them in the order the delegate acted). Accepted and
	 * duplicate answers remove the item; a refusal marks it refused and the next one is sent; an
	 * item not delivered stops the round, to be tried again at the next one. Items kept during the
	 * round are sent in it. One round at a time: a second call joins the running one.
	 */
	flush(send: (command: OutboxCommand) => Promise<CommandAck>): Promise<FlushResult> {
		if (!this.restored) this.restore();
		this.flushing ??= this.round(send).finally(() => (this.flushing = null));
		return this.flushing;
	}

	private async round(send: (command: OutboxCommand) => Promise<CommandAck>) {
		for (;;) {
			const next = this.items.find((i) => i.status === 'pending');
			if (!next) return 'sent';
			const id = next.command.id;
			const ack = await send($state.snapshot(next.command) as OutboxCommand);
			if (undelivered(ack)) return 'stalled';
			const item = this.items.find((i) => i.command.id === id);
			if (ack.ok) {
				this.items = this.items.filter((i) => i.command.id !== id);
			} else if (item) {
				item.status = 'refused';
				item.refusal = { code: ack.error.code, message: ack.error.message };
			}
			this.save();
		}
	}

	private save(): void {
		if (!keepingOnDevice()) return;
		try {
			if (this.items.length === 0) this.storage?.removeItem(this.key);
			else this.storage?.setItem(this.key, JSON.stringify($state.snapshot(this.items)));
		} catch {
			// storage full or disabled: the items still wait in this page
		}
	}
}

function browserStorage(): OutboxStorage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

function isItem(value: unknown): value is OutboxItem {
	const item = value as OutboxItem;
	return (
		typeof item === 'object' &&
		item !== null &&
		typeof item.command?.id === 'string' &&
		typeof item.command.type === 'string' &&
		(item.status === 'pending' || item.status === 'refused')
	);
}
