import { expect, type Browser, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'wtpf-2026-demo';

/** A fresh browser context signed in as the given demo account, on the forum page. */
export async function signedIn(browser: Browser, email: string): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto('/login');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/forums\/wtpf-26$/);
	await expect(page.getByTestId('connection')).toHaveText('Live');
	return page;
}
