/**
 * The forum page carries its snapshot in the HTML, and a forum of 5,000 participants made that
 * 530 KB of object literal (`{id:…,name:…,delegationId:…,role:…,present:…}` 5,000 times) that the
 * browser compiled before the page could start. The page data carries them packed instead: one
 * JSON text of rows `[id, name, delegationId, role, present]`, which the browser reads with
 * `JSON.parse` (far cheaper than compiling a literal) and unpacks into the same state before the
 * page hydrates. The API and the socket are unchanged: they give the state as it is.
 */
import type { Snapshot } from '$lib/protocol';
import type { ForumState, Participant, ParticipantRole } from './types';

type Row = [
	id: string,
	name: string,
	delegationId: string | null,
	role: ParticipantRole,
	present: 0 | 1
];

export interface PackedSnapshot extends Omit<Snapshot, 'state'> {
	state: Omit<ForumState, 'participants'>;
	/** JSON text of the participants' rows */
	participants: string;
}

export function packSnapshot({ state, ...snapshot }: Snapshot): PackedSnapshot {
	const { participants, ...rest } = state;
	const rows = Object.values(participants).map((p): Row => [
		p.id,
		p.name,
		p.delegationId,
		p.role,
		p.present ? 1 : 0
	]);
	return { ...snapshot, state: rest, participants: JSON.stringify(rows) };
}

export function unpackSnapshot({ participants, state, ...snapshot }: PackedSnapshot): Snapshot {
	const unpacked: Record<string, Participant> = {};
	for (const [id, name, delegationId, role, present] of JSON.parse(participants) as Row[]) {
		unpacked[id] = { id, name, delegationId, role, present: present === 1 };
	}
	return { ...snapshot, state: { ...state, participants: unpacked } };
}
