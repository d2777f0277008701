/**
 * A refusal: the rules said no. `code` is stable for programs; `message` is a sentence a
 * person can act on. `status` is the HTTP status the API answers with.
 */
export interface Refusal {
	code: string;
	message: string;
	status: 400 | 403 | 404 | 409;
}

export function refuse(code: string, message: string, status: Refusal['status'] = 409): Refusal {
	return { code, message, status };
}

/** The one refusal for a command the sender may not give: it says nothing about the forum. */
export const NOT_ALLOWED = refuse(
	'not_allowed',
	'You may not give this command in your role. Ask the presiding officer or the secretariat.',
	403
);
