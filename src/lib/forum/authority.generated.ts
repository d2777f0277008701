// Generated from each command's `who` and `phases` (rules.ts) by `npm run docs`; do not edit.
// docs.spec.ts fails when it is stale. Read by authority.ts.
import type { Role } from './roles';
import type { ForumPhase } from './types';

export const AUTHORITY: Record<string, { who: readonly Role[]; phases: readonly ForumPhase[] }> = {
	'forum.open': { who: ['opening_officer'], phases: ['preparation'] },
	'forum.close': { who: ['presiding_officer'], phases: ['in_session'] },
	'delegation.register': { who: ['secretariat'], phases: ['preparation'] },
	'participant.register': { who: ['secretariat'], phases: ['preparation'] },
	'report.add_section': { who: ['secretariat'], phases: ['preparation'] },
	'opinion.register': { who: ['secretariat'], phases: ['preparation', 'in_session', 'closed'] },
	'agenda.open': { who: ['presiding_officer'], phases: ['in_session'] },
	'agenda.suspend': { who: ['presiding_officer'], phases: ['in_session'] },
	'agenda.close': { who: ['presiding_officer'], phases: ['in_session'] },
	'agenda.reopen': { who: ['presiding_officer'], phases: ['in_session'] },
	'presence.check_in': { who: ['participant'], phases: ['preparation', 'in_session'] },
	'presence.check_out': { who: ['participant'], phases: ['preparation', 'in_session'] },
	'election.nominate': { who: ['member_state'], phases: ['in_session'] },
	'election.second': { who: ['member_state'], phases: ['in_session'] },
	'election.withdraw': { who: ['participant'], phases: ['in_session'] },
	'election.declare_acclaimed': { who: ['presiding_officer'], phases: ['in_session'] },
	'election.open_vote': { who: ['presiding_officer'], phases: ['in_session'] },
	'election.cast': { who: ['head_of_delegation'], phases: ['in_session'] },
	'election.close_vote': { who: ['presiding_officer'], phases: ['in_session'] },
	'officers.appoint': { who: ['chair'], phases: ['in_session'] },
	'officers.dismiss': { who: ['chair'], phases: ['in_session'] },
	'floor.request': { who: ['participant'], phases: ['in_session'] },
	'floor.withdraw': { who: ['participant'], phases: ['in_session'] },
	'floor.give': { who: ['presiding_officer'], phases: ['in_session'] },
	'floor.pause': { who: ['presiding_officer'], phases: ['in_session'] },
	'floor.resume': { who: ['presiding_officer'], phases: ['in_session'] },
	'floor.end': { who: ['presiding_officer'], phases: ['in_session'] },
	'floor.close_list': { who: ['presiding_officer'], phases: ['in_session'] },
	'floor.reopen_list': { who: ['presiding_officer'], phases: ['in_session'] },
	'floor.set_limit': { who: ['presiding_officer'], phases: ['in_session'] },
	'observation.submit': {
		who: ['member_state', 'sector_member', 'associate', 'academia', 'observer'],
		phases: ['preparation', 'in_session']
	},
	'observation.withdraw': {
		who: ['member_state', 'sector_member', 'associate', 'academia', 'observer'],
		phases: ['preparation', 'in_session']
	},
	'observation.mark_presented': {
		who: ['presiding_officer', 'secretariat'],
		phases: ['in_session']
	},
	'opinion.take_up': { who: ['presiding_officer'], phases: ['in_session'] },
	'opinion.assign_wg': { who: ['presiding_officer'], phases: ['in_session'] },
	'opinion.stance': { who: ['member_state', 'sector_member'], phases: ['in_session'] },
	'opinion.check_consensus': {
		who: ['presiding_officer', 'working_group_chair'],
		phases: ['in_session']
	},
	'opinion.declare_consensus': {
		who: ['presiding_officer', 'working_group_chair'],
		phases: ['in_session']
	},
	'opinion.declare_no_consensus': {
		who: ['presiding_officer', 'working_group_chair'],
		phases: ['in_session']
	},
	'opinion.defer': { who: ['presiding_officer'], phases: ['in_session'] },
	'opinion.record_adopted': { who: ['secretariat'], phases: ['in_session', 'closed'] },
	'amendment.propose': { who: ['member_state', 'sector_member'], phases: ['in_session'] },
	'amendment.second': { who: ['member_state', 'sector_member'], phases: ['in_session'] },
	'amendment.accept': { who: ['presiding_officer', 'working_group_chair'], phases: ['in_session'] },
	'amendment.reject': { who: ['presiding_officer', 'working_group_chair'], phases: ['in_session'] },
	'amendment.withdraw': { who: ['member_state', 'sector_member'], phases: ['in_session'] },
	'restricted.request': { who: ['member_state'], phases: ['in_session'] },
	'restricted.second': { who: ['member_state'], phases: ['in_session'] },
	'restricted.open_vote': { who: ['presiding_officer'], phases: ['in_session'] },
	'restricted.cast': { who: ['head_of_delegation'], phases: ['in_session'] },
	'restricted.close_vote': { who: ['presiding_officer'], phases: ['in_session'] },
	'restricted.enter': { who: ['presiding_officer'], phases: ['in_session'] },
	'restricted.leave': { who: ['presiding_officer'], phases: ['in_session'] },
	'restricted.publish_summary': { who: ['presiding_officer'], phases: ['in_session'] }
};
