import { expect, test, type Browser, type Page } from '@playwright/test';
import {
	api,
	commandId,
	DEMO_FORUM,
	DEMO_PASSWORD,
	startServer,
	type TestServer
} from '../support/server';

export { DEMO_PASSWORD };

/** One real server with a fresh demo database for the test file that calls this. */
export function serverForThisFile(): { current: TestServer } {
	const holder = {} as { current: TestServer };
	test.beforeAll(async () => {
		holder.current = await startServer();
	});
	test.afterAll(async () => {
		await holder.current?.stop();
	});
	return holder;
}

/** A fresh browser context signed in as the given demo account, on the forum page. */
export async function signedIn(browser: Browser, baseURL: string, email: string): Promise<Page> {
	const context = await browser.newContext({ baseURL });
	const page = await context.newPage();
	await page.goto('/login');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	// The forum page's code and first sync can take a while when the machine is busy.
	await expect(page).toHaveURL(/\/forums\/wtpf-26$/, { timeout: 30_000 });
	await expect(page.getByTestId('connection')).toHaveText('Live', { timeout: 30_000 });
	return page;
}

/**
 * Press one of the Chair's console shortcuts (ChairConsole.svelte) once the console takes them:
 * while a command of this page is on its way, keys are ignored, as its buttons are disabled. A
 * screen can show an event a moment before its command's acknowledgement arrives.
 */
export async function chairShortcut(page: Page, key: string): Promise<void> {
	await expect(page.getByTestId('chair-console')).toHaveAttribute('data-busy', 'false');
	await page.keyboard.press(key);
}

/** Give a command over HTTP as `client` (an `api(url, cookie)`) and fail the test unless taken. */
export async function must(
	client: Pick<ReturnType<typeof api>, 'post'>,
	type: string,
	payload: Record<string, unknown> = {}
): Promise<void> {
	const reply = await client.post(`/api/forums/${DEMO_FORUM}/commands`, {
		id: commandId(),
		type,
		...payload
	});
	expect(reply.status, `${type}: ${JSON.stringify(reply.body)}`).toBe(200);
}
