/**
 * Refusals in the reader's language. The server words a refusal in English and gives it a stable
 * code (style.md, habit 11); for the codes a participant meets most, the screens say it in the
 * reader's language, without the server's details (an item's number, a delegation's name).
 * Any other code shows the server's sentence.
 */
import { m } from '$lib/paraglide/messages';
import { getLocale, type Locale } from '$lib/paraglide/runtime';

type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

export const TRANSLATED_REFUSALS: Record<string, Message> = {
	not_allowed: m.refusal_not_allowed,
	restricted_session: m.refusal_restricted_session,
	list_closed: m.refusal_list_closed,
	already_on_list: m.refusal_already_on_list,
	item_not_open: m.refusal_item_not_open,
	no_item_open: m.refusal_no_item_open,
	opinion_not_under_consideration: m.refusal_opinion_not_under_consideration,
	objection_stands: m.refusal_objection_stands,
	amendments_pending: m.refusal_amendments_pending,
	another_item_open: m.refusal_another_item_open,
	chair_not_in_office: m.refusal_chair_not_in_office,
	opinions_undecided: m.refusal_opinions_undecided,
	already_voted: m.refusal_already_voted,
	delegation_not_present: m.refusal_delegation_not_present,
	no_quorum: m.refusal_no_quorum,
	same_delegation: m.refusal_same_delegation,
	preparatory_period_closed: m.refusal_preparatory_period_closed,
	already_presented: m.refusal_already_presented,
	no_stance: m.refusal_no_stance,
	election_not_open: m.refusal_election_not_open,
	not_contested: m.refusal_not_contested,
	// the client's own: no answer from the server
	offline: m.refusal_offline,
	timeout: m.refusal_timeout
};

/** The refusal as the reader reads it: the server's sentence in English, translated otherwise. */
export function refusalText(
	error: { code: string; message: string },
	locale: string = getLocale()
): string {
	if (locale === 'en') return error.message;
	const translated = TRANSLATED_REFUSALS[error.code];
	return translated ? translated({}, { locale: locale as Locale }) : error.message;
}
