import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, startServer, type TestServer } from '../support/server';

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
