import type { Account, Session } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			/**
			 * The errors a page shows in the reader's language (src/routes/+error.svelte): a misspelt
			 * code in a page's load would fail the type check rather than show the English message.
			 */
			code?: 'no_such_forum' | 'forum_unavailable';
		}
		interface Locals {
			account: Account | null;
			session: Session | null;
		}
	}
}

export {};
