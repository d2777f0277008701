import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Absolute asset addresses: the prerendered offline page is served at any address (/ar/offline,
		// or /forums/wtpf-26/opinions/1 by the service worker when the network is down), where a
		// relative ./_app/… would miss its styles.
		paths: { relative: false },
		// A page's style sheets go into its head: a tablet's first load then waits for no style sheet
		// before it renders (BENCHMARKS.md, note 22). The delegate's view has one, of 10.8 KB raw, since
		// its modules are one chunk (src/lib/view-chunk.vite.ts, note 29).
		inlineStyleThreshold: 16384,
		// No inline script but SvelteKit's own (hashed or with a nonce); sockets to this origin only.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self', 'ws:', 'wss:'],
				'manifest-src': ['self'],
				'worker-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		typescript: {
			// Migrations live outside src/ (stack.md, pitfall 9); server.js stays out: it imports the build.
			config: (tsconfig) => {
				tsconfig.include.push('../migrations/**/*.ts', '../tests/**/*.ts', '../scripts/**/*.ts');
				return tsconfig;
			}
		}
	}
};

export default config;
