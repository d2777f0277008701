/**
 * The thin shell around the rules: validate, decide, append to the log, only then acknowledge
 * and publish. Each forum's state is kept in memory by following the log, never by trusting a
 * write that the log did not accept.
 */
import type { Transaction } from 'kysely';
import { randomUUID } from 'node:crypto';
import { audiencesFor, canSee, viewClass, type Audience, type Viewer } from '$lib/forum/audience';
import { blankForum, type ForumCreated } from '$lib/forum/forum.rules';
import { isRefusal, type DecisionContext, type NewEvent } from '$lib/forum/define';
import {
	apply,
	decide,
	parseCommand,
	personalView,
	stampEvent,
	type Command,
	type ForumEvent
} from '$lib/forum/rules';
import type { Actor } from '$lib/forum/roles';
import type { Refusal } from '$lib/forum/refusal';
import type { ForumState } from '$lib/forum/types';
import type { CommandAck, ParticipantList, Snapshot } from '$lib/protocol';
import { SYNC_EVENT_LIMIT } from '$lib/protocol';
import { deepFreeze } from '$lib/deep-freeze';
import { asciiJson } from './ascii-json';
import { EncodedBody } from './encoded-body';
import { recordAudit } from './auth/audit';
import { hashPassword } from './auth/password';
import type { Database, DB } from './db';
import {
	AppendConflict,
	appendBatch,
	appendEvents,
	findCommands,
	forumSlugs,
	readEvents,
	type CommandEvents
} from './eventlog';
import { rateLimiter } from './limits';

/**
 * The shared views: viewers of one class (audience.ts `viewClass`) see the same events, personal
 * events aside.
 */
const VIEW_CLASSES = {
	public: ['public'],
	member_states: ['public', 'member_states'],
	secretariat: ['public', 'member_states', 'secretariat']
} as const satisfies Record<ReturnType<typeof viewClass>, Audience[]>;
type ViewClass = keyof typeof VIEW_CLASSES;

/**
 * The states a host keeps by following the log: the whole forum, the forum as seen from outside
 * the Member States' session (see `ForumHost.outside`), and the shared views. One bit each.
 */
const SLOT = { full: 1, outside: 2, public: 4, member_states: 8, secretariat: 16 } as const;
type Slot = keyof typeof SLOT;
const ALL_SLOTS = Object.values(SLOT).reduce((all, bit) => all | bit, 0);

/** For each audience but a participant's, the slots that see it (worked out once, not per event). */
const SLOTS_SEEING = new Map<Audience, number>();
for (const audience of ['public', 'member_states', 'secretariat'] as const) {
	let slots: number = SLOT.full;
	if (audience !== 'member_states') slots |= SLOT.outside;
	for (const [name, audiences] of Object.entries(VIEW_CLASSES) as [
		ViewClass,
		readonly Audience[]
	][]) {
		if (audiences.includes(audience)) slots |= SLOT[name];
	}
	SLOTS_SEEING.set(audience, slots);
}

/** The slots that see an event for `audience`; one participant's: the whole forum and the outside. */
function slotsSeeing(audience: Audience): number {
	return SLOTS_SEEING.get(audience) ?? SLOT.full | SLOT.outside;
}

/**
 * One state shared by the slots that have followed the very same events: it is the same state for
 * each, so an event they all see is applied once, not once per slot. In most forums every event
 * is public and the five slots share one state to the end; an event that some of them see and
 * others do not parts them (see `ForumHost.applyToSlots`).
 */
interface SharedState {
	state: ForumState;
	/** the slots (bits of SLOT) that read this state */
	slots: number;
}

/** Events read from the log at once when catching up (see `catchUp`). */
const CATCH_UP_PAGE = 5000;

/**
 * View bodies kept (`viewBody`): one for each of the shared views' five states and each shape, and
 * a few personal views. Each is the state's JSON (about 750 KB for 5,000 participants) with its
 * compressed forms.
 */
const KEPT_VIEW_BODIES = 16;

/** Own views (`ForumHost.viewOf`) kept while the head does not move: a voter's page, then its data. */
const KEPT_OWN_VIEWS = 16;

/** Events a host keeps in memory, at least: a reconnecting screen's sync is answered from them. */
const RECENT_EVENTS = SYNC_EVENT_LIMIT;

/** Commands decided and appended together at most (group commit, see `runBatch`). */
const BATCH_LIMIT = 256;

/**
 * A forum's batches start at most this often (ms). A command that finds the forum idle is decided
 * at once; under a stream of commands each batch waits until this long after the last one began,
 * so that more commands share its transaction (one fsync) and its broadcast (one message to every
 * socket): the broadcast, not the disk, is what a busy forum spends most on.
 */
const BATCH_INTERVAL_MS = 10;

/** The forum a batch of commands is decided against (see `ForumHost.tentative`). */
interface Tentative {
	full: ForumState;
	outside: ForumState;
}

/** Apply an event to a batch's states, each if its slot sees it. */
function applyTentative(states: Tentative, event: ForumEvent): void {
	const seeing = slotsSeeing(event.audience);
	if (seeing & SLOT.full) apply(states.full, event);
	if (seeing & SLOT.outside) apply(states.outside, event);
}

/** What a batch has decided so far, not yet on disk nor in the host's views. */
interface BatchSoFar {
	events: ForumEvent[];
	/** per sender: their view with the events of `events[0 … applied)` they may see */
	views: Map<string, { state: ForumState; applied: number }>;
}

/** A command waiting for its batch, and how to answer it. */
interface QueuedCommand {
	command: Command;
	accountId: string;
	settle: (outcome: CommandOutcome) => void;
	fail: (error: unknown) => void;
}

/** Runs `task` while no other writer (another app server) decides for `forum`. */
export type WriterLock = <T>(forum: string, task: () => Promise<T>) => Promise<T>;

/** Called after events are on disk, in sequence order. */
export type Publisher = (forum: string, events: ForumEvent[]) => void;

/** Every command answered, for the operators' log and metrics (operations.ts). */
export interface CommandObservation {
	forum: string;
	accountId: string;
	input: unknown;
	/** undefined when executing threw */
	outcome: CommandOutcome | undefined;
	ms: number;
}

class Mutex {
	private tail: Promise<unknown> = Promise.resolve();
	run<T>(task: () => Promise<T>): Promise<T> {
		const result = this.tail.then(task, task);
		this.tail = result.catch(() => undefined);
		return result;
	}
}

export class ForumHost {
	/** the states kept, each shared by the slots that have seen the same events */
	private readonly shared: SharedState[];
	/**
	 * Each participant's own events (their ballots), in order, once read from the log for them
	 * (`prepareView`), then kept as they are followed. Their views are built when asked for
	 * (`viewOf`) rather than kept: a view kept for each voter took 0.9 MiB and each event applied to
	 * every one of them (BENCHMARKS.md, note 41). A view built shares with its group's state every
	 * part the voter's own events leave alone (evolve.ts `personalView`; note 43).
	 */
	private readonly own = new Map<string, ForumEvent[]>();
	/** own views built at `builtAt` (`viewOf`), the most recent last; dropped when the head moves */
	private readonly built = new Map<string, ForumState>();
	private builtAt = 0;
	head = 0;
	/** commands are decided one at a time */
	readonly mutex = new Mutex();
	/** the log is read one catch-up at a time (commands, syncs and notifications all ask) */
	readonly reading = new Mutex();
	/** commands waiting for the next batch (see `ForumService.runBatch`) */
	readonly queue: QueuedCommand[] = [];
	/** a batch is waiting in the mutex: a command queued now will be in it */
	batchScheduled = false;
	/** when the last batch began (performance.now()), see `BATCH_INTERVAL_MS` */
	lastBatchAt = -Infinity;
	/**
	 * The forum as the batch being decided leaves it: each command of a batch is decided against
	 * the events of those before it, which are not in the log yet. Kept in step with `full` and
	 * `outside` between batches (`follow`), so that it is copied only once, not for every batch.
	 */
	private scratch: (Tentative & { head: number }) | null = null;
	/** the last events followed (at least RECENT_EVENTS, unless the log is shorter), in order */
	private readonly recent: ForumEvent[] = [];

	constructor(readonly slug: string) {
		this.shared = [{ state: blankForum(slug), slots: ALL_SLOTS }];
	}

	/** every event applied: the state the rules decide against */
	get full(): ForumState {
		return this.stateOf('full');
	}

	/**
	 * every event but those for Member States only: the forum as it would stand had nothing been
	 * said in a session for Member States only (see `publicOnlyIfPublic`)
	 */
	get outside(): ForumState {
		return this.stateOf('outside');
	}

	/** How many distinct states the host keeps for its five slots (1 until an event parts them). */
	get statesKept(): number {
		return this.shared.length;
	}

	private stateOf(slot: Slot): ForumState {
		const bit = SLOT[slot];
		for (const shared of this.shared) if (shared.slots & bit) return shared.state;
		throw new Error(`${this.slug}: no state for ${slot}`);
	}

	/**
	 * Apply an event to the states of the slots that see it. A state shared by slots of which only
	 * some see the event is parted: those that do not see it keep the state as it was (whoever still
	 * holds it, a view being written out, is never given an event it may not read), the others go on
	 * with a copy. A state is copied at most four times in a forum's life.
	 */
	private applyToSlots(event: ForumEvent): void {
		const seeing = slotsSeeing(event.audience);
		const count = this.shared.length;
		for (let i = 0; i < count; i++) {
			const shared = this.shared[i];
			const both = shared.slots & seeing;
			if (both === 0) continue;
			if (both === shared.slots) {
				apply(shared.state, event);
				continue;
			}
			const parted = { state: structuredClone(shared.state), slots: both };
			shared.slots &= ~both;
			apply(parted.state, event);
			this.shared.push(parted);
		}
	}

	/**
	 * Apply events that are already in the log, in order, and return those that were new: an event
	 * may reach a server twice (its own append, then reading the log after a notification).
	 */
	follow(events: ForumEvent[]): ForumEvent[] {
		const applied: ForumEvent[] = [];
		for (const event of events) {
			if (event.seq <= this.head) continue;
			if (event.seq !== this.head + 1) {
				throw new Error(`${this.slug}: event ${event.seq} follows ${this.head}: the log has a gap`);
			}
			this.applyToSlots(event);
			if (event.audience.startsWith('participant:')) {
				this.own.get(event.audience.slice('participant:'.length))?.push(event);
			}
			this.head = event.seq;
			applied.push(event);
			this.recent.push(event);
			const scratch = this.scratch;
			if (scratch && event.seq === scratch.head + 1) {
				applyTentative(scratch, event);
				scratch.head = event.seq;
			}
			// (an event at or below scratch.head is one of the batch's own, already in it; or another
			// writer's, and then the batch's append fails and drops the scratch)
		}
		if (this.recent.length > 2 * RECENT_EVENTS) {
			this.recent.splice(0, this.recent.length - RECENT_EVENTS);
		}
		return applied;
	}

	/** The events followed after `after`, if this host still keeps all of them; else undefined. */
	recentAfter(after: number): ForumEvent[] | undefined {
		if (after >= this.head) return [];
		const first = this.recent[0]?.seq;
		if (first === undefined || first > after + 1) return undefined;
		return this.recent.slice(after + 1 - first);
	}

	/** The states a batch is decided against: the followed forum, plus what the batch decides. */
	tentative(): Tentative & { head: number } {
		if (this.scratch?.head !== this.head) {
			this.scratch = {
				full: structuredClone(this.full),
				outside: structuredClone(this.outside),
				head: this.head
			};
		}
		return this.scratch;
	}

	/** A batch was not appended: what it decided must not stay in the scratch states. */
	discardTentative(): void {
		this.scratch = null;
	}

	/**
	 * The state as this viewer may see it, as of `head`; `prepareView` first. Read it before the
	 * next await: the host goes on following the log meanwhile, and may part a state it keeps for
	 * several slots (`applyToSlots`).
	 */
	viewOf(viewer: Viewer): ForumState {
		const group = this.stateOf(viewClass(this.full, viewer));
		if (viewer.kind !== 'participant') return group;
		const own = this.own.get(viewer.participantId);
		if (!own?.length) return group;
		if (this.builtAt !== this.head) {
			this.built.clear();
			this.builtAt = this.head;
		}
		let view = this.built.get(viewer.participantId);
		if (!view) {
			view = personalView(group, own);
			this.built.set(viewer.participantId, view);
			if (this.built.size > KEPT_OWN_VIEWS) this.built.delete(this.built.keys().next().value!);
		}
		return view;
	}

	/**
	 * Read the viewer's own events from the log, if not read yet (see `viewOf`): a few rows, by the
	 * log's index on audiences. Their view is their group's state, which the host keeps, with those
	 * events applied after it (`personalView`; their evolvers give the same state so). It was folded
	 * from the whole log, about 0.9 s for a log of 200,000 events (BENCHMARKS.md, note 41), for each
	 * voter's first page after a ballot or a restart.
	 */
	async prepareView(db: DB, viewer: Viewer): Promise<void> {
		if (viewer.kind !== 'participant' || this.own.has(viewer.participantId)) return;
		const audience: Audience = `participant:${viewer.participantId}`;
		// Up to the head as it stood when the read began: every event up to it is on disk and in the
		// answer. If one was followed meanwhile (a catch-up does not wait for this), it is read
		// again, until a read ends with the head where it began.
		let own: ForumEvent[];
		let upTo: number;
		do {
			upTo = this.head;
			own = await readEvents(db, this.slug, 0, { audiences: [audience] });
		} while (this.head !== upTo);
		// from here, no await: `follow` adds those after `upTo` (another server may have appended
		// some already; this host adds them as it follows them)
		if (!this.own.has(viewer.participantId)) {
			this.own.set(
				viewer.participantId,
				own.filter((event) => event.seq <= upTo)
			);
		}
	}
}

export type CommandOutcome = CommandAck & { events?: ForumEvent[] };

export class ForumService {
	private readonly hosts = new Map<string, ForumHost>();
	private publisher: Publisher = () => {};
	private commandObserver: (observation: CommandObservation) => void = () => {};
	private broadcastObserver: (forum: string, events: ForumEvent[], ms: number) => void = () => {};
	/** set on shutdown: no new command is taken */
	private draining = false;

	/** The last view bodies written (`viewBody`), the most recent last. */
	private readonly bodies: {
		state: ForumState;
		head: number;
		shape: string;
		body: EncodedBody;
	}[] = [];
	/** The snapshot bodies as parsed for their readers (`snapshotOf`), while the body is kept. */
	private readonly parsedBodies = new WeakMap<EncodedBody, Snapshot>();

	/** Refuse new commands and wait until every forum's commands in flight are on disk. */
	async drain(): Promise<void> {
		this.draining = true;
		await Promise.all(
			[...this.hosts.values()].map(async (host) => {
				// A batch may leave commands queued for the next one: wait for those too. The next
				// batch starts from a setImmediate (`scheduleBatch`): yield to it on every turn, or
				// this loop, resolving in microtasks alone, would starve it and spin for ever.
				do {
					await new Promise((resolve) => setImmediate(resolve));
					await host.mutex.run(async () => undefined);
				} while (host.queue.length > 0 || host.batchScheduled);
			})
		);
	}

	/**
	 * @param oneWriterAtATime runs a batch while no other server decides for the same forum
	 * (PostgreSQL: an advisory lock, see `forumWriterLock`). Without it, servers deciding at once
	 * still never fork the log, but under a burst the one that keeps losing the race would answer
	 * `busy`.
	 */
	constructor(
		readonly db: DB,
		private readonly oneWriterAtATime: WriterLock = (_forum, task) => task()
	) {}

	onPublish(publisher: Publisher): void {
		this.publisher = publisher;
	}

	onCommand(observer: (observation: CommandObservation) => void): void {
		this.commandObserver = observer;
	}

	/** `ms`: from the events being on disk (appended, or read from the log) to their being emitted. */
	onBroadcast(observer: (forum: string, events: ForumEvent[], ms: number) => void): void {
		this.broadcastObserver = observer;
	}

	/** Load every forum's state from its log. */
	async loadAll(): Promise<void> {
		for (const slug of await forumSlugs(this.db)) await this.host(slug);
	}

	slugs(): string[] {
		return [...this.hosts.keys()];
	}

	/** The forum's host, caught up with the log; undefined when there is no such forum. */
	async host(slug: string): Promise<ForumHost | undefined> {
		let host = this.hosts.get(slug);
		if (!host) {
			const exists = await this.db
				.selectFrom('forums')
				.select('slug')
				.where('slug', '=', slug)
				.executeTakeFirst();
			if (!exists) return undefined;
			host = new ForumHost(slug);
			this.hosts.set(slug, host);
		}
		await this.catchUp(host);
		return host;
	}

	/**
	 * Apply what other writers (another app server, a restored log) appended since we last looked,
	 * and publish it to this server's sockets: every server publishes what it follows from the log,
	 * so a client sees the same events in the same order whichever server it is connected to.
	 * A page at a time: at start-up the whole log is read, and holding all of it at once costs more
	 * in garbage collection than the folding itself (bench: 200,000 events).
	 */
	private catchUp(host: ForumHost): Promise<void> {
		return host.reading.run(async () => {
			for (;;) {
				const missed = await readEvents(this.db, host.slug, host.head, { limit: CATCH_UP_PAGE });
				this.followAndPublish(host, missed);
				if (missed.length < CATCH_UP_PAGE) return;
			}
		});
	}

	private followAndPublish(host: ForumHost, events: ForumEvent[]): void {
		const onDisk = performance.now();
		const applied = host.follow(events);
		if (applied.length === 0) return;
		this.publisher(host.slug, applied);
		this.broadcastObserver(host.slug, applied, performance.now() - onDisk);
	}

	/**
	 * The log of `slug` has grown to `head` (a notification from the database): catch up, unless
	 * this server has already followed that far. A forum created on another server is loaded.
	 */
	async followLog(slug: string, head?: number): Promise<void> {
		const known = this.hosts.get(slug);
		if (known && head !== undefined && known.head >= head) return;
		if (known) await this.catchUp(known);
		else await this.host(slug);
	}

	/** Catch every forum up, including forums created elsewhere (after a lost notification). */
	async followAll(): Promise<void> {
		for (const slug of await forumSlugs(this.db)) await this.followLog(slug);
	}

	/** Set a forum up: its row and its first event. Used by the demo loader and tests. */
	async createForum(created: ForumCreated): Promise<ForumHost> {
		const at = Date.now();
		await this.db.insertInto('forums').values({ slug: created.slug, created_at: at }).execute();
		const event = stampEvent(
			{ type: 'forum.created', payload: created, audience: 'public' },
			1,
			at,
			null
		);
		await appendEvents(this.db, created.slug, 0, [event], null);
		return (await this.host(created.slug))!;
	}

	/**
	 * Append events decided by the server itself (setting a forum up, the demo data), not by a
	 * participant's command. They still go through the log and the evolvers.
	 */
	async appendAsServer(slug: string, newEvents: NewEvent[]): Promise<ForumEvent[]> {
		const host = await this.host(slug);
		if (!host) throw new Error(`no forum ${slug}`);
		return host.mutex.run(async () => {
			await this.catchUp(host);
			const at = Date.now();
			const events = newEvents.map((e, i) => stampEvent(e, host.head + 1 + i, at, null));
			await appendEvents(this.db, slug, host.head, events, null);
			this.followAndPublish(host, events);
			return events;
		});
	}

	async snapshot(slug: string, viewer: Viewer): Promise<Snapshot | undefined> {
		const host = await this.host(slug);
		return host && this.snapshotOf(host, viewer);
	}

	/**
	 * The snapshot as the viewer may see it, of `host` as `host()` gave it, caught up with the log.
	 * Read from the view's JSON body (`snapshotBody`), not the live view, which changes as events
	 * arrive: the forum page renders from it, and the state route then answers the same page's
	 * fetch with that body, already written (BENCHMARKS.md, note 42).
	 *
	 * **Read-only, and shared**: parsed once per body, and every reader of that body (the pages
	 * rendered, the sockets that join, between two events) gets the same object, deeply frozen, so
	 * that a reader that wrote to it would throw rather than change what the next one sees. A
	 * reader that needs to change it copies it first. Parsing the body for each page took a third
	 * of the server's time per first load, with the garbage it left (note 46).
	 */
	async snapshotOf(host: ForumHost, viewer: Viewer): Promise<Snapshot> {
		const body = await this.snapshotBody(host, viewer);
		let snapshot = this.parsedBodies.get(body);
		if (!snapshot) {
			snapshot = deepFreeze(JSON.parse(body.text) as Snapshot);
			this.parsedBodies.set(body, snapshot);
		}
		return snapshot;
	}

	/**
	 * The snapshot as the viewer may see it, as JSON text: what the state route answers, and what
	 * the forum page fetches beside its HTML (snapshot-beside.ts). `host` as `host()` gave it,
	 * caught up with the log.
	 */
	snapshotBody(host: ForumHost, viewer: Viewer): Promise<EncodedBody> {
		return this.viewBody(host, viewer, 'snapshot', (state): Snapshot => ({
			forum: host.slug,
			seq: host.head,
			state
		}));
	}

	/** The participants as the viewer may see them, as JSON text (see `snapshotBody`). */
	participantsBody(host: ForumHost, viewer: Viewer): Promise<EncodedBody> {
		return this.viewBody(host, viewer, 'participants', (state): ParticipantList => ({
			forum: host.slug,
			seq: host.head,
			participants: Object.values(state.participants)
		}));
	}

	/**
	 * Part of the viewer's view as JSON text, written under the host's lock: no copy of the state,
	 * and no event applied halfway through (`snapshotOf` parses the text once for its readers). In
	 * ASCII, for the browser to read it faster (ascii-json.ts). The last few bodies are kept, with
	 * their compressed forms (encoded-body.ts): a view's state at a sequence number is always the
	 * same text, so the tablets that open the page between two events share one body, and the
	 * writing and compressing of it.
	 */
	private async viewBody(
		host: ForumHost,
		viewer: Viewer,
		shape: string,
		write: (state: ForumState) => unknown
	): Promise<EncodedBody> {
		const written = await host.mutex.run(async () => {
			await host.prepareView(this.db, viewer);
			// from here to the end, no await: the state and its head go together
			const state = host.viewOf(viewer);
			const kept = this.bodies.find(
				(b) => b.state === state && b.head === host.head && b.shape === shape
			);
			if (kept) return kept;
			return { state, head: host.head, shape, json: JSON.stringify(write(state)) };
		});
		if (!('json' in written)) return written.body;
		const { json, ...key } = written;
		const body = new EncodedBody(asciiJson(json));
		this.bodies.push({ ...key, body });
		if (this.bodies.length > KEPT_VIEW_BODIES) this.bodies.shift();
		return body;
	}

	/**
	 * The forum's host as this server follows it, without reading the log first (a forum not yet
	 * loaded is loaded). Enough for a socket's sync: what was appended elsewhere and not yet
	 * followed reaches the socket as a push once it is (every server publishes what it follows).
	 */
	async followed(slug: string): Promise<ForumHost | undefined> {
		return this.hosts.get(slug) ?? this.host(slug);
	}

	/**
	 * The events after `after` that the viewer may see (`truncated`: more than `limit`). Answered
	 * from the events the host keeps when it can (no catch-up, no read: see `followed`), from the
	 * log otherwise: 5,000 screens reconnecting at once each ask this.
	 */
	async eventsAfter(
		slug: string,
		viewer: Viewer,
		after: number,
		limit = SYNC_EVENT_LIMIT
	): Promise<{ events: ForumEvent[]; head: number; truncated: boolean } | undefined> {
		const host = await this.followed(slug);
		if (!host) return undefined;
		const audiences = audiencesFor(host.full, viewer);
		const kept = host.recentAfter(after);
		if (kept) {
			const visible = kept.filter((e) => audiences.includes(e.audience));
			return {
				events: visible.slice(0, limit),
				head: host.head,
				truncated: visible.length > limit
			};
		}
		const events = await readEvents(this.db, slug, after, { audiences, limit: limit + 1 });
		const truncated = events.length > limit;
		return { events: events.slice(0, limit), head: host.head, truncated };
	}

	/**
	 * The rules decide against the whole forum, which may hold what the sender may not see (the
	 * session for Member States only, other delegations' ballots). A refusal is passed on as worded
	 * only if the sender's own view of the forum gives the very same refusal; otherwise it says
	 * nothing more than that the command cannot be given now.
	 */
	private async refusalWithoutLeaks(
		host: ForumHost,
		states: Tentative,
		soFar: BatchSoFar,
		command: Command,
		actor: Actor & { kind: 'participant' },
		context: DecisionContext,
		refusal: Refusal
	): Promise<Refusal> {
		if (refusal.code === 'not_allowed' || refusal.code === 'restricted_session') return refusal;
		const viewer: Viewer = { kind: 'participant', participantId: actor.participantId };
		const same = (view: ForumState) => {
			const seen = decide(view, command, actor, context);
			return isRefusal(seen) && seen.code === refusal.code && seen.message === refusal.message;
		};
		await host.prepareView(this.db, viewer);
		const view = host.viewOf(viewer);
		if (same(view)) return refusal;
		// The commands decided before this one in the batch are not in the view yet (they are not on
		// disk): the sender's view with what they may see of them, made once per sender and batch.
		if (soFar.events.length === 0) return NOT_POSSIBLE_NOW;
		let caughtUp = soFar.views.get(actor.participantId);
		if (!caughtUp) {
			caughtUp = { state: structuredClone(view), applied: 0 };
			soFar.views.set(actor.participantId, caughtUp);
		}
		for (const event of soFar.events.slice(caughtUp.applied)) {
			if (canSee(states.full, viewer, event.audience)) apply(caughtUp.state, event);
		}
		caughtUp.applied = soFar.events.length;
		return same(caughtUp.state) ? refusal : NOT_POSSIBLE_NOW;
	}

	/**
	 * Once a session for Member States only has been held, the whole forum holds what only they may
	 * know: a text adopted inside, a request for the floor made inside. A public event must follow
	 * from what is public: the same command, decided against the forum as it would stand without
	 * the closed session, must give the very same public events. Otherwise they stay with the
	 * Member States (the record of a text adopted inside), or, when the sender is not one of them,
	 * the command is refused without saying why, as `refusalWithoutLeaks` does.
	 */
	private publicOnlyIfPublic(
		states: Tentative,
		command: Command,
		actor: Actor & { kind: 'participant' },
		context: DecisionContext,
		events: NewEvent[]
	): NewEvent[] | Refusal {
		const publicOf = (decided: NewEvent[]) =>
			JSON.stringify(
				decided.filter((e) => e.audience === 'public').map((e) => [e.type, e.payload])
			);
		if (states.full.restricted.sessions.length === 0 || publicOf(events) === '[]') return events;
		const seen = decide(states.outside, command, actor, context);
		if (!isRefusal(seen) && publicOf(seen) === publicOf(events)) return events;
		if (!audiencesFor(states.full, actor).includes('member_states')) return NOT_POSSIBLE_NOW;
		return events.map((e) => (e.audience === 'public' ? { ...e, audience: 'member_states' } : e));
	}

	/** Execute a command (see `decideAndAppend`), observed by the operators' log and metrics. */
	async execute(slug: string, accountId: string, input: unknown): Promise<CommandOutcome> {
		const started = performance.now();
		let outcome: CommandOutcome | undefined;
		try {
			outcome = await this.decideAndAppend(slug, accountId, input);
			return outcome;
		} finally {
			const ms = performance.now() - started;
			this.commandObserver({ forum: slug, accountId, input, outcome, ms });
		}
	}

	/**
	 * Execute a command from a signed-in account. Answers as the HTTP API does:
	 * 200 ok, 400 malformed, 403 not yours, 404 no such forum, 409 refused by the rules now.
	 */
	private async decideAndAppend(
		slug: string,
		accountId: string,
		input: unknown
	): Promise<CommandOutcome> {
		if (this.draining) {
			return failure(
				503,
				'shutting_down',
				'The server is restarting. Send the command again in a moment.'
			);
		}
		const parsed = parseCommand(input);
		if (!parsed.ok) return failure(400, parsed.code, parsed.message);
		const command = parsed.command;
		// A forum already loaded catches up inside the mutex below; catching up here too would read
		// the log twice for every command.
		const host = this.hosts.get(slug) ?? (await this.host(slug));
		if (!host) return failure(404, 'no_such_forum', 'There is no such forum.');
		const limited = rateLimiter.take(host.full, accountId, command.type);
		if (limited) return failure(limited.status, limited.error.code, limited.error.message);

		return new Promise<CommandOutcome>((settle, fail) => {
			host.queue.push({ command, accountId, settle, fail });
			this.scheduleBatch(host);
		});
	}

	/**
	 * The batch starts after the commands that already reached the process are read: on the next
	 * turn of the event loop (setImmediate), not at once. Begun at once, it would be decided and
	 * written within the first socket's callback, a batch of one, and every other command waiting
	 * in the sockets would follow in a batch, and an fsync, of its own. Under a stream of commands,
	 * not before `BATCH_INTERVAL_MS` after the last batch began.
	 */
	private scheduleBatch(host: ForumHost): void {
		if (host.batchScheduled || host.queue.length === 0) return;
		host.batchScheduled = true;
		const run = () => void host.mutex.run(() => this.runBatch(host));
		const wait = host.lastBatchAt + BATCH_INTERVAL_MS - performance.now();
		if (wait > 0) setTimeout(run, wait);
		else setImmediate(run);
	}

	/**
	 * Group commit. The commands that queued up while the last batch was on its way to the disk are
	 * decided one after another, each against the forum as those before it leave it, and all their
	 * events are appended in one transaction, conditional on the head as any append: one fsync and
	 * one broadcast for the lot. Each command is answered only once that transaction is on disk.
	 * Another writer first (AppendConflict, or a key already taken): catch up and decide the whole
	 * batch again. A command that finds the forum idle is a batch of one.
	 */
	private async runBatch(host: ForumHost): Promise<void> {
		host.batchScheduled = false;
		host.lastBatchAt = performance.now();
		const batch = takeBatch(host.queue);
		// what this batch left in the queue goes in the next one
		this.scheduleBatch(host);
		try {
			const outcomes = await this.oneWriterAtATime(host.slug, async () => {
				for (let attempt = 0; attempt < CONFLICT_ATTEMPTS; attempt++) {
					const decided = await this.decideBatch(host, batch);
					if (decided) return decided;
					await afterConflict(attempt);
				}
				return null;
			});
			const busy = failure(409, 'busy', 'The forum is busy; please send the command again.');
			batch.forEach((queued, i) => queued.settle(outcomes?.[i] ?? busy));
		} catch (error) {
			host.discardTentative();
			for (const queued of batch) queued.fail(error);
		}
	}

	/** One attempt at a batch: each command's outcome, or null when another writer came first. */
	private async decideBatch(
		host: ForumHost,
		batch: QueuedCommand[]
	): Promise<CommandOutcome[] | null> {
		const applied = await findCommands(
			this.db,
			host.slug,
			batch.map((q) => q.command.id)
		);
		await this.catchUp(host);
		const states = host.tentative();
		const expectedHead = states.head;
		const outcomes: CommandOutcome[] = [];
		const appended: CommandEvents[] = [];
		const soFar: BatchSoFar = { events: [], views: new Map() };
		let before: ((trx: Transaction<Database>) => Promise<void>) | undefined;
		for (const { command, accountId } of batch) {
			const previous = applied.get(command.id);
			if (previous) {
				outcomes.push(
					previous.actor !== accountId || previous.type !== command.type
						? failure(
								409,
								'command_id_reused',
								'This command id was already used for another command. Send a new id.'
							)
						: { ok: true, seq: previous.last_seq, duplicate: true }
				);
				continue;
			}
			const decision = await this.decideOne(host, states, soFar, command, accountId);
			if ('outcome' in decision) {
				outcomes.push(decision.outcome);
				continue;
			}
			const events = decision.events.map((e, i) =>
				stampEvent(e, states.head + 1 + i, decision.now, accountId)
			);
			// the next command of the batch is decided against these, not yet on disk
			for (const event of events) {
				applyTentative(states, event);
				states.head = event.seq;
			}
			appended.push({ command: { id: command.id, actor: accountId, type: command.type }, events });
			soFar.events.push(...events);
			outcomes.push({ ok: true, seq: states.head, events });
			before = decision.before ?? before;
		}
		if (appended.length === 0) return outcomes;
		try {
			await appendBatch(this.db, host.slug, expectedHead, appended, before);
		} catch (error) {
			host.discardTentative();
			if (error instanceof AppendConflict || isUniqueViolation(error)) return null;
			throw error;
		}
		this.followAndPublish(
			host,
			appended.flatMap((a) => a.events)
		);
		return outcomes;
	}

	/**
	 * Decide one command of a batch against the batch's states: its events (with what the append
	 * must also write, for a registration), or its refusal as the sender may be told it.
	 */
	private async decideOne(
		host: ForumHost,
		states: Tentative,
		soFar: BatchSoFar,
		command: Command,
		accountId: string
	): Promise<
		| { outcome: CommandOutcome }
		| {
				events: NewEvent[];
				now: number;
				before?: (trx: Transaction<Database>) => Promise<void>;
		  }
	> {
		const slug = host.slug;
		const actor: Actor & { kind: 'participant' } = {
			kind: 'participant',
			participantId: accountId
		};
		const context: DecisionContext = { now: Date.now() };
		let newAccount: { id: string; email: string; name: string; password: string | null } | null =
			null;
		if (command.type === 'participant.register') {
			const email = String(command.email).toLowerCase();
			const existing = await this.db
				.selectFrom('accounts')
				.select('id')
				.where('email', '=', email)
				.executeTakeFirst();
			context.accountId = existing?.id ?? `p-${randomUUID()}`;
			if (!existing) {
				newAccount = {
					id: context.accountId,
					email,
					name: String(command.name),
					password: (command.password as string | undefined) ?? null
				};
			}
		}
		const decided = decide(states.full, command, actor, context);
		if (isRefusal(decided)) {
			const told = await this.refusalWithoutLeaks(
				host,
				states,
				soFar,
				command,
				actor,
				context,
				decided
			);
			return { outcome: failure(told.status, told.code, told.message) };
		}
		const decision = this.publicOnlyIfPublic(states, command, actor, context, decided);
		if (isRefusal(decision)) {
			return { outcome: failure(decision.status, decision.code, decision.message) };
		}
		if (!newAccount) return { events: decision, now: context.now };
		const account = newAccount;
		const passwordHash = await hashPassword(account.password ?? randomUUID());
		return {
			events: decision,
			now: context.now,
			before: async (trx) => {
				await trx
					.insertInto('accounts')
					.values({
						id: account.id,
						email: account.email,
						name: account.name,
						password_hash: passwordHash,
						created_at: context.now
					})
					.execute();
				await recordAudit(
					trx,
					{
						kind: 'account_created',
						accountId: account.id,
						email: account.email,
						actorId: accountId,
						forum: slug,
						detail: command.type
					},
					context.now
				);
			}
		};
	}
}

/** Said instead of a refusal whose wording would reveal what the sender may not see. */
export const NOT_POSSIBLE_NOW: Refusal = {
	code: 'not_possible_now',
	message: 'This cannot be done now. Check the forum as it stands and try again.',
	status: 409
};

/**
 * The next batch: the queue's first commands, in order, up to BATCH_LIMIT. A registration goes
 * alone (it looks an account up and creates it, which a neighbour registering the same address
 * must not race); a command id met twice waits for the next batch, where the first one's
 * outcome answers it.
 */
function takeBatch(queue: QueuedCommand[]): QueuedCommand[] {
	const ids = new Set<string>();
	let count = 0;
	for (const { command } of queue) {
		const registration = command.type === 'participant.register';
		if (count === BATCH_LIMIT || ids.has(command.id) || (registration && count > 0)) break;
		ids.add(command.id);
		count++;
		if (registration) break;
	}
	return queue.splice(0, count);
}

/**
 * Two servers deciding for one forum at once take turns: the one that lost the race catches up
 * and decides again. After a random pause that grows with each lost race, so that two servers
 * under a burst do not keep colliding in step.
 */
const CONFLICT_ATTEMPTS = 12;

function afterConflict(attempt: number): Promise<void> {
	const ms = Math.random() * 2 ** Math.min(attempt, 6);
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function failure(status: number, code: string, message: string): CommandOutcome {
	return { ok: false, status, error: { code, message } };
}

/**
 * Another writer took the same sequence number, or the same command id, first (the primary keys
 * refuse the second): catch up and decide again. SQLite serializes writers, so it shows there as
 * AppendConflict; PostgreSQL's concurrent transactions meet at the unique index (23505).
 */
function isUniqueViolation(error: unknown): boolean {
	if (typeof error !== 'object' || error === null || !('code' in error)) return false;
	const code = String((error as { code: unknown }).code);
	return code.startsWith('SQLITE_CONSTRAINT') || code === '23505';
}

export type { Command };
