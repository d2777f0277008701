/** Loads the demo WTPF-26 forum into an empty database (README lists its accounts). */
import type { NewEvent } from '$lib/forum/define';
import { hashPassword } from './auth/password';
import type { DB } from './db';
import {
	DEMO_DELEGATIONS,
	DEMO_FORUM,
	DEMO_OPINIONS,
	DEMO_PARTICIPANTS,
	DEMO_PASSWORD,
	DEMO_REPORT_SECTIONS
} from './demo.data';
import type { ForumService } from './forum.service';

export async function loadDemoForum(db: DB, forums: ForumService): Promise<void> {
	if (await forums.host(DEMO_FORUM.slug)) return;
	// Every demo account has the same published password, so one hash serves them all.
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const now = Date.now();
	await db
		.insertInto('accounts')
		.values(
			DEMO_PARTICIPANTS.map((p) => ({
				id: p.id,
				email: p.email,
				name: p.name,
				password_hash: passwordHash,
				created_at: now
			}))
		)
		.onConflict((oc) => oc.column('email').doNothing())
		.execute();
	await forums.createForum(DEMO_FORUM);
	const setup: NewEvent[] = [
		...DEMO_DELEGATIONS.map((d): NewEvent => ({
			type: 'delegation.registered',
			payload: d,
			audience: 'public'
		})),
		...DEMO_PARTICIPANTS.map((p): NewEvent => ({
			type: 'participant.registered',
			payload: { participantId: p.id, name: p.name, delegationId: p.delegationId, role: p.role },
			audience: 'public'
		})),
		...DEMO_REPORT_SECTIONS.map((s): NewEvent => ({
			type: 'report.section_added',
			payload: s,
			audience: 'public'
		})),
		...DEMO_OPINIONS.map((o): NewEvent => ({
			type: 'opinion.registered',
			payload: o,
			audience: 'public'
		}))
	];
	await forums.appendAsServer(DEMO_FORUM.slug, setup);
}
