import { defineConfig } from '@playwright/test';
import { mkdirSync, rmSync } from 'node:fs';

// A fresh database for every run: the demo forum, in preparation.
const dataDir = 'tests/.tmp/e2e';
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const port = Number(process.env.E2E_PORT ?? 4319);

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
		baseURL: `http://localhost:${port}`,
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
	},
	webServer: {
		command: 'node server.js',
		url: `http://localhost:${port}/login`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			DATABASE_PATH: `${dataDir}/plenary.db`,
			ORIGIN: `http://localhost:${port}`
		}
	}
});
