/**
 * A forum as one participant sees it, kept live: starts from the page's snapshot, applies the
 * pushed events with the same rules module as the server, and on every (re)connection asks for
 * what it missed after its last sequence number. One instance per page, passed by context.
 */
import { untrack } from 'svelte';
import { io, type Socket } from 'socket.io-client';
import {
	apply,
	PRESENCE_EVENTS,
	ROSTER_EVENTS,
	ROSTERS,
	type ForumEvent,
	type Roster
} from '$lib/forum/evolve';
import type { ForumState, Participant } from '$lib/forum/types';
import { accreditedMemberStates, presentMemberStates } from '$lib/forum/presence.rules';
import { presidingName, readingCopy, saveForum, type ReadingCopy } from './offline-cache';
import {
	PROTOCOL_VERSION,
	RECONNECTION,
	type ClientToServerEvents,
	type CommandAck,
	type ServerToClientEvents,
	type Snapshot
} from '$lib/protocol';

export type Connection = 'connecting' | 'online' | 'offline' | 'closed';

type PageSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function pageSocket(display: boolean): PageSocket {
	return io({
		auth: { protocol: PROTOCOL_VERSION, display },
		transports: ['websocket'],
		withCredentials: true,
		...RECONNECTION
	});
}

/** A participant's socket opened before the page's live forum is made, with a refusal it met. */
let early: { socket: PageSocket; refusal: Error | null } | null = null;
/** An early socket that no live forum has taken (a preload never shown) is closed after this. */
const EARLY_SOCKET_UNTAKEN_MS = 30_000;

/**
 * Opens the participant's socket before the forum page's snapshot is in (its `load`, in the
 * browser): the WebSocket's handshake (the connection, the upgrade and Socket.IO's own connect,
 * three round trips) travels while the snapshot is fetched and parsed, and the live forum made as
 * the page hydrates takes the socket and syncs on it at once. The server sends a socket nothing of
 * a forum before its sync, so nothing is missed before the live forum listens.
 */
export function preconnect(): void {
	early?.socket.close();
	const entry: NonNullable<typeof early> = { socket: pageSocket(false), refusal: null };
	entry.socket.on('connect_error', (error) => (entry.refusal = error));
	early = entry;
	setTimeout(() => {
		if (early !== entry) return;
		early = null;
		entry.socket.close();
	}, EARLY_SOCKET_UNTAKEN_MS);
}

/** The socket `preconnect` opened, for one live forum to take. */
function takeEarly(): NonNullable<typeof early> | null {
	const taken = early;
	early = null;
	return taken;
}

/** One exchange with the server's clock: the offset it suggests, and how far it can be wrong. */
interface ClockSample {
	offset: number;
	rtt: number;
}

/** Exchanges per measurement; the one with the smallest round trip is kept. */
const CLOCK_SAMPLES = 4;
/** Measured again this often, besides on every (re)connection. */
const CLOCK_REMEASURE_MS = 5 * 60_000;

export class LiveForum {
	state: ForumState = $state()!;
	/**
	 * The Member States with someone checked in, and those accredited: worked out once for each
	 * change to the roster or the delegations, for every panel that shows presence or a quorum (the
	 * first is a walk of every participant: two panels did it each, on the server and the tablet).
	 */
	readonly memberStatesPresent: string[] = $derived(presentMemberStates(this.state));
	readonly memberStatesAccredited: string[] = $derived(accreditedMemberStates(this.state));
	/** counts the messages that registered someone (not a check-in or a check-out) */
	private registrations = $state(0);
	/**
	 * Everyone on the roster by delegation, the secretariat first, for the secretariat's list to
	 * search. Worked out again when someone is registered or a new snapshot comes, not at every
	 * check-in, which changes nothing in it: the roster is read untracked, since every check-in
	 * tells its readers that it changed (`touch`). Sorting 5,000 participants, and the lists of
	 * 5,000 rows and options made from them, at each check-in took most of the secretariat's and
	 * the Chair's pages during check-ins (BENCHMARKS.md, notes 55 and 56). So an entry may be a
	 * participant as they were before a check-in: it offers their name, delegation and role, not
	 * whether they are present.
	 */
	readonly everyone: readonly Omit<Participant, 'present'>[] = $derived.by(() => {
		void this.registrations;
		const state = this.state;
		return untrack(() => Object.values(state.participants)).sort((a, b) =>
			(a.delegationId ?? '').localeCompare(b.delegationId ?? '')
		);
	});
	/**
	 * Everyone who may be given the floor, an office or a nomination, for the Chair's lists to
	 * choose from: `everyone` less the secretariat, made again with it.
	 */
	readonly speakers: readonly Omit<Participant, 'present'>[] = $derived(
		this.everyone.filter((p) => p.role !== 'secretariat')
	);
	seq = $state(0);
	connection = $state<Connection>('connecting');
	/** why the connection is closed or refused, as a sentence */
	notice = $state<string | null>(null);
	/** server clock − this device's clock, in ms (see `serverNow`) */
	offset = $state(0);
	/** whether `offset` has been measured at least once */
	clockKnown = $state(false);
	private socket: PageSocket | null = null;
	/** events pushed while a sync is in flight (or answered, waiting for `connect`), applied after it */
	private buffered: ForumEvent[] | null = null;
	/** counts the syncs sent and the disconnections: a sync whose number is no longer this is void */
	private generation = 0;

	constructor(
		snapshot: Snapshot,
		/**
		 * `display`: the room display authenticates with its link's cookie and sees public content
		 * only. `keepFor`: the participant whose view is kept on this device for offline reading.
		 */
		private readonly options: { display?: boolean; keepFor?: string } = {}
	) {
		this.state = unproxied(snapshot.state);
		this.seq = snapshot.seq;
		this.lastUpdated = Date.now();
		// In the browser the connection is taken (from `preconnect`) or opened at once, as the page
		// starts to hydrate, and synced as soon as it is open: the handshake and the sync go on while
		// the page hydrates, and `connect` finds the answer there (BENCHMARKS.md, notes 24 and 37).
		if (typeof window !== 'undefined') this.open();
	}

	/** when this device last heard from the server (shown while offline) */
	lastUpdated = $state(0);
	private keepTimer: ReturnType<typeof setTimeout> | null = null;

	/** who presides, by name: apart from the reading copy, so that a check-in does not remake it */
	private readonly presiding: string = $derived(presidingName(this.state));
	/**
	 * What the offline page shows, made again only when something it reads has changed: a stance,
	 * a check-in or a request for the floor leaves it as it is. Read where it is, through Svelte's
	 * proxies: `$state.snapshot` of the whole state copied 5,000 participants and every string of
	 * the opinions (note 48).
	 */
	private readonly reading: ReadingCopy = $derived(readingCopy(this.state, this.presiding));
	/** the reading copy last written to the device */
	private kept: ReadingCopy | null = null;

	/**
	 * Keep what the participant reads on the device (offline-cache.ts), at most once a second; the
	 * copy itself only when it changed (note 54).
	 */
	private keep(): void {
		this.lastUpdated = Date.now();
		const participantId = this.options.keepFor;
		if (!participantId || this.keepTimer || typeof localStorage === 'undefined') return;
		this.keepTimer = setTimeout(() => {
			this.keepTimer = null;
			const reading = this.reading;
			saveForum(
				{ forum: this.slug, seq: this.seq, reading, participantId, savedAt: this.lastUpdated },
				reading === this.kept
			);
			this.kept = reading;
		}, 1000);
	}

	get slug(): string {
		return this.state.slug;
	}

	/**
	 * The server's clock as best known here: countdowns are computed from the server's start,
	 * pause and end times, so a device whose clock is off still shows the right remaining time.
	 */
	serverNow(): number {
		return Date.now() + this.offset;
	}

	/** what runs when the page starts its connection, and after every (re)connection's sync */
	private readonly hooks = { start: [] as (() => void)[], synced: [] as (() => void)[] };

	/** Runs `hook` when the page starts the connection (in the browser, after hydration). */
	onStart(hook: () => void): void {
		this.hooks.start.push(hook);
	}

	/** Runs `hook` after every sync, once the page is up to date (e.g. to send what waited). */
	onSynced(hook: () => void): void {
		this.hooks.synced.push(hook);
	}

	/** whether `connect` has run: until then nothing the socket says is applied */
	private started = false;
	private begin!: () => void;
	/** settles when `connect` runs: a sync answered while the page hydrates waits for it */
	private readonly begun = new Promise<void>((resolve) => (this.begin = resolve));

	/**
	 * Opens the socket and listens to it; nothing it says is applied before `connect` (the page
	 * is still hydrating), except that a refused connection is shown. It syncs as soon as it is
	 * open, though: the request and its answer travel while the page hydrates, and `connect`
	 * applies the answer, with the events pushed after it, without a round trip of its own (on a
	 * hotel's Wi-Fi, a round trip is a tenth of a second or more).
	 */
	private open(): PageSocket {
		if (this.socket) return this.socket;
		const taken = this.options.display ? null : takeEarly();
		const socket = taken?.socket ?? pageSocket(this.options.display === true);
		this.socket = socket;
		socket.on('connect', () => void this.sync());
		socket.on('disconnect', () => {
			// a sync unanswered or not yet applied is void: the next connection syncs again
			this.generation++;
			this.buffered = null;
			if (this.connection !== 'closed') this.connection = 'offline';
		});
		socket.on('connect_error', (error) => this.refused(error));
		socket.on('closing', ({ reason }) => {
			this.notice = reason;
		});
		socket.on('events', ({ forum, events }) => {
			if (forum !== this.slug) return;
			if (this.buffered) this.buffered.push(...events);
			else if (this.started) this.receive(events);
		});
		// a socket opened by `preconnect` may be open already, or refused for good
		if (socket.connected) void this.sync();
		else if (taken?.refusal && !socket.active) this.refused(taken.refusal);
		return socket;
	}

	/** A connection refused (the server's reason is shown, and it is not tried again) or failed. */
	private refused(error: Error): void {
		const data = (error as Error & { data?: { message?: string } }).data;
		if (data?.message) {
			this.notice = data.message;
			this.connection = 'closed';
		} else {
			this.connection = 'offline';
		}
	}

	/**
	 * Starts the page's connection (after hydration): applies the sync the open socket has made,
	 * or will make once it is open.
	 */
	connect(): () => void {
		const socket = this.open();
		for (const hook of this.hooks.start) hook();
		this.started = true;
		this.begin();
		const remeasure = setInterval(() => void this.measureClock(), CLOCK_REMEASURE_MS);
		// The browser knows before the socket that the network is gone (a tablet off the Wi-Fi): drop
		// the connection at once, and reconnect as soon as the network is back, not at the next
		// back-off step; the reconnection syncs what was missed and measures the clock again.
		const wentOffline = () => socket.io.engine?.close();
		const cameOnline = () => {
			if (!socket.connected) socket.disconnect().connect();
		};
		window.addEventListener('offline', wentOffline);
		window.addEventListener('online', cameOnline);
		return () => {
			this.connection = 'closed';
			clearInterval(remeasure);
			window.removeEventListener('offline', wentOffline);
			window.removeEventListener('online', cameOnline);
			socket.close();
		};
	}

	private receive(events: ForumEvent[]): void {
		const changed: Record<Roster, boolean> = { participants: false, delegations: false };
		let registered = false;
		for (const event of events) {
			// Events arrive in order; one already applied (from a sync reply) is skipped.
			if (event.seq <= this.seq) continue;
			apply(this.state, event);
			this.seq = event.seq;
			for (const roster of ROSTERS) changed[roster] ||= ROSTER_EVENTS[roster].has(event.type);
			registered ||= ROSTER_EVENTS.participants.has(event.type) && !PRESENCE_EVENTS.has(event.type);
		}
		// once for a batch: an import of 5,000 participants arrives as one message
		for (const roster of ROSTERS) if (changed[roster]) touch(this.state, roster);
		if (registered) this.registrations++;
		this.keep();
	}

	/** Asks for what happened after `seq`, and applies it once the page has started. */
	private async sync(): Promise<void> {
		const socket = this.socket;
		if (!socket) return;
		const generation = ++this.generation;
		this.buffered = [];
		const sent = performance.now();
		// rejected if the socket disconnects first: the next connection syncs again
		const reply = await socket
			.emitWithAck('sync', { forum: this.slug, after: this.seq })
			.catch(() => null);
		if (!reply) return;
		const received = performance.now();
		const arrivedAt = Date.now();
		await this.begun;
		// disconnected since, or another sync sent: that one brings what this one would have
		if (generation !== this.generation) return;
		const buffered = this.buffered ?? [];
		this.buffered = null;
		if (!reply.ok) {
			this.notice = reply.error.message;
			this.connection = 'closed';
			return;
		}
		if (reply.kind === 'snapshot') {
			this.state = unproxied(reply.snapshot.state);
			this.seq = reply.snapshot.seq;
		} else {
			this.receive(reply.events);
		}
		this.receive(buffered);
		this.notice = null;
		this.connection = 'online';
		this.keep();
		for (const hook of this.hooks.synced) hook();
		// The sync's own round trip is a first estimate, refined at once by a few `time` exchanges.
		const first = sample(reply.serverTime, received - sent, arrivedAt);
		if (!this.clockKnown) this.setClock(first);
		void this.measureClock(first);
	}

	/**
	 * Measures the offset to the server's clock: a few exchanges, keeping the one with the smallest
	 * round trip (its error is at most half of it). Each measurement replaces the last one, so a
	 * device whose clock was changed or drifted is corrected at the next reconnection or round.
	 */
	private async measureClock(first?: ClockSample): Promise<void> {
		const samples = first ? [first] : [];
		for (let i = 0; i < CLOCK_SAMPLES; i++) {
			const socket = this.socket;
			if (!socket?.connected) break;
			const sent = performance.now();
			const reply = await socket
				.timeout(5_000)
				.emitWithAck('time')
				.catch(() => null);
			if (!reply || typeof reply.serverTime !== 'number') break;
			samples.push(sample(reply.serverTime, performance.now() - sent, Date.now()));
		}
		const best = samples.reduce<ClockSample | null>(
			(kept, s) => (kept === null || s.rtt < kept.rtt ? s : kept),
			null
		);
		if (best) this.setClock(best);
	}

	private setClock({ offset }: ClockSample): void {
		this.offset = offset;
		this.clockKnown = true;
	}

	/** Send a command; the promise settles with the server's acknowledgement. */
	async send(type: string, payload: Record<string, unknown> = {}): Promise<CommandAck> {
		return this.sendCommand({ id: crypto.randomUUID(), type, ...payload });
	}

	/**
	 * Send a command with its id already given (a retry with the same id is applied once). A
	 * `status` of 0 means no answer: offline, or none in time.
	 */
	async sendCommand(command: { id: string; type: string }): Promise<CommandAck> {
		if (!this.socket?.connected) {
			return {
				ok: false,
				status: 0,
				error: {
					code: 'offline',
					message: 'You are offline. Try again when the connection is back.'
				}
			};
		}
		return this.socket
			.timeout(15_000)
			.emitWithAck('command', { forum: this.slug, command })
			.catch(() => ({
				ok: false as const,
				status: 0,
				error: {
					code: 'timeout',
					message: 'The server did not answer in time. Check the agenda, then try again.'
				}
			}));
	}
}

/**
 * The forum's participants and delegations, kept out of Svelte's deep reactivity. Svelte proxies
 * every plain object put in `$state` and every object read from it, one signal per property: a
 * page that counted present Member States walked 5,000 participants through those proxies while
 * it hydrated (about 300 ms at 4× CPU throttling, then a long garbage collection; BENCHMARKS.md),
 * and the count of accredited ones read all 541 delegations the same way. An object without a
 * prototype is left as it is, so each roster is a plain map that the evolvers change in place.
 *
 * After an event that changes a roster (ROSTER_EVENTS in evolve.ts), `receive` tells Svelte so
 * without copying it: the property is deleted from the state and set again to the same map, and
 * each is a change that Svelte's proxy signals, so whatever read `forum.participants` runs again.
 * The entries need no copy either: the evolvers replace a participant or a delegation rather than
 * change it (every rules spec checks so: testing.ts, `rosterEntriesReplaced`), so whatever reads
 * a changed one sees a new object. A copy of the map, 5,000 participants, took about 10 ms at 4×
 * for every message with a check-in (BENCHMARKS.md, note 52).
 */
function touch(state: ForumState, roster: Roster): void {
	const map = state[roster];
	delete (state as Partial<ForumState>)[roster];
	(state as Record<Roster, unknown>)[roster] = map;
}

/**
 * A snapshot's state with its rosters out of Svelte's deep reactivity. In the browser the snapshot
 * was just parsed and belongs to nobody else, so its two maps lose their prototype where they
 * are: copying 5,000 participants into a new map cost about 70 ms at 4× CPU throttling while the
 * page started (BENCHMARKS.md, note 31), and copying each participant as well about 40 ms more.
 * On the server nothing is proxied, and the snapshot is shared and frozen (`snapshotOf` in
 * forum.service.ts): it is read as it is.
 */
function unproxied(state: ForumState): ForumState {
	if (typeof window === 'undefined') return state;
	Object.setPrototypeOf(state.participants, null);
	Object.setPrototypeOf(state.delegations, null);
	return { ...state };
}

/** offset = serverTime + rtt / 2 − clientNow, clientNow taken when the answer arrived. */
function sample(serverTime: number, rtt: number, clientNow: number): ClockSample {
	return { offset: serverTime + rtt / 2 - clientNow, rtt };
}
