import { app } from '$lib/server/app';
import { apiError, NO_SUCH_FORUM, NOT_SIGNED_IN } from '$lib/server/http';
import { chairReport } from '$lib/outcome/chair-report';
import { parseLanguage } from '$lib/outcome/labels';
import { chairReportDocx, DOCX_CONTENT_TYPE, docxFileName } from '$lib/server/outcome.docx';
import { snapshotFor } from '$lib/server/forum-page';
import type { RequestHandler } from './$types';

/** The Chair's report as a Word file, from the forum as the caller may see it. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.account) return NOT_SIGNED_IN();
	const lang = parseLanguage(url.searchParams.get('lang'));
	if (!lang) return apiError(400, 'malformed_request', '`lang` is `en` or `fr`.');
	const { forums } = await app();
	const snapshot = await snapshotFor(forums, params.forum, locals.account);
	if (!snapshot) return NO_SUCH_FORUM();
	const file = await chairReportDocx(chairReport(snapshot.state, lang), snapshot.seq);
	return new Response(file as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': DOCX_CONTENT_TYPE,
			'content-disposition': `attachment; filename="${docxFileName(params.forum, 'chair-report', lang)}"`,
			// what it holds depends on who asks: never cached for another reader
			'cache-control': 'private, no-store'
		}
	});
};
