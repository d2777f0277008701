/**
 * What every component of a forum page shares: the live forum, who is looking, and a way to give
 * commands that remembers the last refusal. Created once per page and passed by context, never a
 * module singleton (it would leak between server-rendered requests).
 */
import { getContext, setContext } from 'svelte';
import { rolesMayGive } from '$lib/forum/authority';
import { rolesOf, type Actor } from '$lib/forum/roles';
import type { CommandAck } from '$lib/protocol';
import { m } from '$lib/paraglide/messages';
import type { LiveForum } from './live-forum.svelte';
import { mayKeep, Outbox, type OutboxCommand } from './outbox.svelte';
import { refusalText } from './refusals';

/** The answer to `give`: the server's, or `pending` when the command waits in the outbox. */
export type GiveResult = CommandAck | { ok: true; pending: true };

/** After a round of the outbox stopped at an item not delivered while online, try again. */
const OUTBOX_RETRY_MS = 5_000;

export class ForumCommands {
	/** a command is on its way and its answer is awaited */
	sending = $state(false);
	/**
	 * The participant's requests for the floor, stances and observations given while offline,
	 * sent once the connection is back (null for the room display).
	 */
	readonly outbox: Outbox | null;
	private retry: ReturnType<typeof setTimeout> | null = null;
	/** the last refusal, as the server worded it */
	refusal = $state<string | null>(null);
	/** a short confirmation of the last accepted command, for the live region */
	done = $state<string | null>(null);

	constructor(
		readonly live: LiveForum,
		readonly me: Actor
	) {
		this.outbox = me.kind === 'participant' ? new Outbox(live.slug, me.participantId) : null;
		live.onStart(() => this.outbox?.restore());
		live.onSynced(() => void this.sendKept());
	}

	/**
	 * Buttons wait while a command is on its way, and while the connection is down: a command
	 * other than a request for the floor, a stance or an observation is not kept for later (the
	 * offline banner says those need a connection). The forms of those three use `sending`.
	 */
	get busy(): boolean {
		return this.sending || this.live.connection !== 'online';
	}

	/** the viewer's roles, worked out again only when what they depend on changes */
	private readonly roles = $derived.by(() => rolesOf(this.live.state, this.me));

	may(type: string): boolean {
		return rolesMayGive(this.roles, this.live.state.phase, type);
	}

	async give(
		type: string,
		payload: Record<string, unknown> = {},
		confirmation?: string
	): Promise<GiveResult> {
		this.refusal = null;
		this.done = null;
		// The id is given now, when the participant acts: a kept command is sent with it later.
		const command: OutboxCommand = { id: crypto.randomUUID(), type, ...payload };
		const outbox = this.outbox && mayKeep(command) ? this.outbox : null;
		// Offline, or behind commands still waiting: kept, to be sent in the order given.
		if (outbox && (this.live.connection !== 'online' || outbox.waiting > 0)) {
			return this.keep(outbox, command);
		}
		this.sending = true;
		const sent = await this.live.sendCommand(command);
		this.sending = false;
		// No answer (the network dropped, or none in time): kept and sent again with the same id,
		// which the server applies once even if the first one did reach it.
		if (outbox && !sent.ok && sent.status === 0) return this.keep(outbox, command);
		// A refusal in the reader's language where its code is a well-known one.
		const ack = sent.ok
			? sent
			: { ...sent, error: { ...sent.error, message: refusalText(sent.error) } };
		if (ack.ok) this.done = confirmation ?? null;
		else this.refusal = ack.error.message;
		return ack;
	}

	private keep(outbox: Outbox, command: OutboxCommand): GiveResult {
		outbox.keep(command);
		this.done = m.outbox_kept();
		if (this.live.connection === 'online') void this.sendKept();
		return { ok: true, pending: true };
	}

	/** Sends what waits in the outbox, in order; if a round stalls while online, again shortly. */
	private async sendKept(): Promise<void> {
		if (!this.outbox) return;
		if (this.retry) clearTimeout(this.retry);
		this.retry = null;
		const result = await this.outbox.flush((command) => this.live.sendCommand(command));
		if (result === 'stalled' && this.live.connection === 'online' && !this.retry) {
			this.retry = setTimeout(() => void this.sendKept(), OUTBOX_RETRY_MS);
		}
	}
}

const KEY = Symbol('forum');

export function setForumContext(commands: ForumCommands): ForumCommands {
	return setContext(KEY, commands);
}

export function forumContext(): ForumCommands {
	return getContext<ForumCommands>(KEY);
}
