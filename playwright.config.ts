import { defineConfig } from '@playwright/test';

// Each test file starts its own server (`node server.js` on a free port, a fresh database with
// the demo forum) through tests/support/server.ts, so files do not depend on each other.

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		trace: 'retain-on-failure',
		launchOptions: {
			// Debian's Chromium; never `playwright install` (stack.md, pitfall 10).
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	}
});
