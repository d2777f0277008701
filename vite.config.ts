import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { socketIoDevServer } from './src/lib/server/realtime.vite.ts';
import { messagesByLocale } from './src/lib/messages.vite.ts';
import { viewChunk } from './src/lib/view-chunk.vite.ts';

const inlang = JSON.parse(readFileSync('./project.inlang/settings.json', 'utf8'));

export default defineConfig({
	build: {
		// Non-ASCII characters written as escapes: a script with a single "—" or "…" in it is kept and
		// scanned by the browser as two-byte text, and the view's chunk has its messages' punctuation
		// (BENCHMARKS.md, note 40; an e2e test checks the view's files). Rolldown cannot escape inside
		// `String.raw`: write such characters as escapes in the source.
		rolldownOptions: { output: { charset: 'ascii' } }
	},
	plugins: [
		// The interface in ITU's six languages; the language is in the URL (/fr/…), remembered in a
		// cookie, English otherwise (stack.md, pitfall 7: the plugin is loaded from node_modules).
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['url', 'cookie', 'baseLocale'],
			// one module per message, in dev too: messages.vite.ts splits them by language
			outputStructure: 'message-modules'
		}),
		// the browser gets English and loads the reader's language alone (src/lib/client/messages.ts)
		messagesByLocale({
			outdir: fileURLToPath(new URL('./src/lib/paraglide', import.meta.url)),
			locales: inlang.locales,
			baseLocale: inlang.baseLocale
		}),
		sveltekit(),
		// the delegate's view in one script, not thirty-three (src/lib/view-chunk.vite.ts)
		viewChunk({
			roots: [
				'/src/routes/forums/[forum]/+page.svelte',
				'/src/routes/forums/[forum]/+page.ts',
				'/src/routes/+layout.svelte',
				'/src/routes/+error.svelte',
				'/.svelte-kit/generated/client-optimized/app.js',
				'/@sveltejs/kit/src/runtime/client/entry.js'
			],
			// Paraglide's messages: only those the view's code names (other pages' stay with them)
			named: /\/src\/lib\/paraglide\/messages\/([a-z]\w*)\.js$/
		}),
		socketIoDevServer(),
		// The server's libraries of many small modules go into the server's build (not in dev or the
		// tests): each module Node loads at start-up is found, read and compiled on its own, and
		// Kysely's ESM build alone is 263 files (BENCHMARKS.md, note 34). Native packages, and
		// Socket.IO (server.js imports it too), stay external.
		{
			name: 'plenary:bundle-server-libraries',
			apply: 'build',
			config: () => ({ ssr: { noExternal: ['kysely', 'zod', 'prom-client'] } })
		},
		// The tablets' app: installable, the shell precached, and an offline page when a navigation
		// fails. Pages are server-rendered per participant, so navigations are never cached: the
		// forum as last seen is kept by the page itself, per participant (src/lib/client/offline-cache.ts).
		SvelteKitPWA({
			registerType: 'prompt',
			injectRegister: false,
			manifest: {
				name: 'Plenary — WTPF-26',
				short_name: 'Plenary',
				description: 'Follow and take part in the World Telecommunication/ICT Policy Forum.',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				orientation: 'any',
				theme_color: '#00497a',
				background_color: '#ffffff',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{
						src: '/icons/icon-512-maskable.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			workbox: {
				globPatterns: [
					'client/**/*.{js,css,ico,png,svg,webp,webmanifest}',
					'prerendered/**/*.html'
				],
				navigateFallback: null,
				runtimeCaching: [
					{
						urlPattern: ({ request }) => request.mode === 'navigate',
						handler: 'NetworkOnly',
						options: { precacheFallback: { fallbackURL: '/offline' } }
					}
				]
			}
		})
	],
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
			},
			// The same integration suite on PostgreSQL, when an admin URL is given (.ci/run does):
			// each test server gets a fresh database of its own (tests/support/server.ts).
			...(process.env.PLENARY_TEST_POSTGRES
				? [
						{
							extends: true as const,
							test: {
								name: 'integration-postgres',
								include: ['tests/integration/**/*.test.ts'],
								// The fuzzer and the authorization matrix try the validation and the rules, which
								// are the same code whatever the database; on SQLite they run in full.
								exclude: [
									'tests/integration/authorization.test.ts',
									'tests/integration/fuzz.test.ts'
								],
								environment: 'node',
								env: { PLENARY_TEST_DATABASE: 'postgres' },
								// each query is a round trip to another process: slower than the SQLite file
								testTimeout: 120_000,
								hookTimeout: 120_000,
								maxWorkers: 2,
								sequence: { groupOrder: 2 }
							}
						}
					]
				: [])
		]
	}
});
