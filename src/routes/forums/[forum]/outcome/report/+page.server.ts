import { getLocale } from '$lib/paraglide/runtime';
import { error, redirect } from '@sveltejs/kit';
import { chairReport } from '$lib/outcome/chair-report';
import { parseLanguage } from '$lib/outcome/labels';
import { app } from '$lib/server/app';
import { snapshotFor } from '$lib/server/outcome.service';
import type { PageServerLoad } from './$types';

/** The Chair's report, printable, from the forum as this participant may see it. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.account)
		redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	const { forums } = await app();
	const snapshot = await snapshotFor(forums, params.forum, locals.account);
	if (!snapshot)
		error(404, {
			code: 'no_such_forum',
			message: 'There is no such forum, or you are not registered for it.'
		});
	// Without `?lang=`, the document in the reader's language where it exists (English or French).
	const asked = url.searchParams.get('lang');
	const lang = asked ? (parseLanguage(asked) ?? 'en') : getLocale() === 'fr' ? 'fr' : 'en';
	return { slug: params.forum, seq: snapshot.seq, lang, report: chairReport(snapshot.state, lang) };
};
