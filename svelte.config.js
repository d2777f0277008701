import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
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
