import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { socketIoDevServer } from './src/lib/server/realtime.vite.ts';

export default defineConfig({
	plugins: [sveltekit(), socketIoDevServer()],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.spec.ts'],
					environment: 'node',
					sequence: { groupOrder: 0 }
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 120_000,
					// each file starts its own server; two at a time on 2 cores
					maxWorkers: 2,
					// after the unit tests: the two projects have different worker limits
					sequence: { groupOrder: 1 }
				}
			}
		]
	}
});
