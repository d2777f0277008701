/**
 * What every component of a forum page shares: the live forum, who is looking, and a way to give
 * commands that remembers the last refusal. Created once per page and passed by context, never a
 * module singleton (it would leak between server-rendered requests).
 */
import { getContext, setContext } from 'svelte';
import { mayGive } from '$lib/forum/rules';
import type { Actor } from '$lib/forum/roles';
import type { LiveForum } from './live-forum.svelte';

export class ForumCommands {
	busy = $state(false);
	/** the last refusal, as the server worded it */
	refusal = $state<string | null>(null);
	/** a short confirmation of the last accepted command, for the live region */
	done = $state<string | null>(null);

	constructor(
		readonly live: LiveForum,
		readonly me: Actor
	) {}

	may(type: string): boolean {
		return mayGive(this.live.state, this.me, type);
	}

	async give(type: string, payload: Record<string, unknown> = {}, confirmation?: string) {
		this.busy = true;
		this.refusal = null;
		this.done = null;
		const ack = await this.live.send(type, payload);
		this.busy = false;
		if (ack.ok) this.done = confirmation ?? null;
		else this.refusal = ack.error.message;
		return ack;
	}
}

const KEY = Symbol('forum');

export function setForumContext(commands: ForumCommands): ForumCommands {
	return setContext(KEY, commands);
}

export function forumContext(): ForumCommands {
	return getContext<ForumCommands>(KEY);
}
