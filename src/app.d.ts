import type { Account, Session } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			code?: string;
		}
		interface Locals {
			account: Account | null;
			session: Session | null;
		}
	}
}

export {};
