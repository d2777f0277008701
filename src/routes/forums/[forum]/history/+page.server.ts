import { error, redirect } from '@sveltejs/kit';
import { fromLocalInput, historySummary, toLocalInput } from '$lib/outcome/history';
import { formatMoment } from '$lib/outcome/labels';
import { getLocale } from '$lib/paraglide/runtime';
import { app } from '$lib/server/app';
import {
	forumAt,
	historyPoint,
	isSecretariat,
	type HistoryPoint
} from '$lib/server/outcome.service';
import type { PageServerLoad } from './$types';

/**
 * The forum as it stood after any event of its log (`?seq=N`), or at a moment (`?at=` epoch
 * ms, or `?when=` a date and time in the forum's time zone): for the secretariat only.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.account)
		redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	const { forums } = await app();
	const secretariat = await isSecretariat(forums, params.forum, locals.account);
	if (secretariat === undefined) {
		error(404, {
			code: 'no_such_forum',
			message: 'There is no such forum, or you are not registered for it.'
		});
	}
	if (!secretariat)
		error(403, { message: "Only the secretariat may look back in the forum's history." });

	const when = url.searchParams.get('when');
	let point: HistoryPoint = { seq: Number.MAX_SAFE_INTEGER };
	let problem: string | null = null;
	if (when !== null) {
		const at = fromLocalInput(when);
		if (at === null)
			problem = 'Give the date and time as the form shows them, e.g. 2026-12-01 10:30.';
		else point = { at };
	} else if (url.searchParams.has('seq') || url.searchParams.has('at')) {
		const parsed = historyPoint(url.searchParams);
		if (typeof parsed === 'string') problem = 'Choose an event number from 0 to the last one.';
		else point = parsed;
	}
	const view = (await forumAt(
		forums,
		params.forum,
		{ kind: 'participant', participantId: locals.account.id },
		point
	))!;
	return {
		slug: params.forum,
		problem,
		head: view.head,
		seq: view.seq,
		at: view.at,
		moment: view.at === null ? null : formatMoment(view.at, getLocale() === 'fr' ? 'fr' : 'en'),
		when: view.at === null ? '' : toLocalInput(view.at),
		summary: historySummary(view.state)
	};
};
