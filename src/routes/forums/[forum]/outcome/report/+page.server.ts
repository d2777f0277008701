import { getLocale } from '$lib/paraglide/runtime';
import { chairReport } from '$lib/outcome/chair-report';
import { parseLanguage } from '$lib/outcome/labels';
import { forumPage } from '$lib/server/forum-page';
import type { PageServerLoad } from './$types';

/** The Chair's report, printable, from the forum as this participant may see it. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { snapshot } = await forumPage(locals.account, params.forum, url);
	// Without `?lang=`, the document in the reader's language where it exists (English or French).
	const asked = url.searchParams.get('lang');
	const lang = asked ? (parseLanguage(asked) ?? 'en') : getLocale() === 'fr' ? 'fr' : 'en';
	return { slug: params.forum, seq: snapshot.seq, lang, report: chairReport(snapshot.state, lang) };
};
