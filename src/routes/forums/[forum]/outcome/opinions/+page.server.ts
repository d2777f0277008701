import { getLocale } from '$lib/paraglide/runtime';
import { adoptedOpinions, styledParagraphs } from '$lib/outcome/chair-report';
import { formatMoment, LABELS, localized, parseLanguage } from '$lib/outcome/labels';
import { forumPage } from '$lib/server/forum-page';
import type { PageServerLoad } from './$types';

/** The adopted opinions, printable, from the forum as this participant may see it. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { snapshot } = await forumPage(locals.account, params.forum, url);
	// Without `?lang=`, the document in the reader's language where it exists (English or French).
	const asked = url.searchParams.get('lang');
	const lang = asked ? (parseLanguage(asked) ?? 'en') : getLocale() === 'fr' ? 'fr' : 'en';
	const { state } = snapshot;
	return {
		slug: params.forum,
		seq: snapshot.seq,
		lang,
		forumTitle: localized(state.title, lang),
		opinions: adoptedOpinions(state).map(({ paragraphs, ...opinion }) => ({
			...opinion,
			status:
				opinion.recordedAt !== null
					? LABELS[lang].recorded(formatMoment(opinion.recordedAt, lang))
					: LABELS[lang].notYetRecorded,
			paragraphs: styledParagraphs(paragraphs)
		}))
	};
};
