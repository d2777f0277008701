import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, staticClosure, viewChunk } from './view-chunk.vite';

/**
 * A browser build's module graph, as Rolldown describes it to a plugin: the forum page imports a
 * panel, which imports Svelte; the page loads the Chair's console dynamically; the sign-in page
 * imports Svelte too; the page's node and SvelteKit's app are entries.
 */
const GRAPH: Record<
	string,
	{ importedIds: string[]; dynamicallyImportedIds?: string[]; isEntry?: boolean }
> = {
	'/app/.svelte-kit/generated/client-optimized/app.js': {
		importedIds: ['/app/src/hooks.ts'],
		dynamicallyImportedIds: ['/app/.svelte-kit/generated/client-optimized/nodes/5.js'],
		isEntry: true
	},
	'/app/.svelte-kit/generated/client-optimized/nodes/5.js': {
		importedIds: ['/app/src/routes/forums/[forum]/+page.svelte'],
		isEntry: true
	},
	'/app/src/hooks.ts': { importedIds: [] },
	'/app/src/routes/forums/[forum]/+page.svelte': {
		importedIds: ['/app/src/lib/Panel.svelte'],
		dynamicallyImportedIds: ['/app/src/lib/ChairConsole.svelte']
	},
	'/app/src/lib/Panel.svelte': {
		importedIds: ['/app/node_modules/svelte/internal.js', '/app/src/lib/Panel.svelte']
	},
	'/app/node_modules/svelte/internal.js': { importedIds: [] },
	'/app/src/lib/ChairConsole.svelte': { importedIds: ['/app/src/lib/console-only.ts'] },
	'/app/src/lib/console-only.ts': { importedIds: [] },
	'/app/src/routes/login/+page.svelte': {
		importedIds: ['/app/node_modules/svelte/internal.js', '/app/src/lib/login-only.ts']
	},
	'/app/src/lib/login-only.ts': { importedIds: [] }
};

/** Runs the plugin's hooks as Vite and Rolldown would for a browser build of GRAPH. */
function build(roots: string[], consumer: 'client' | 'server' = 'client') {
	const plugin = viewChunk({ roots });
	const config = (plugin.config as unknown as (c: object, env: { isSsrBuild: boolean }) => unknown)(
		{},
		{ isSsrBuild: consumer === 'server' }
	) as
		| {
				build: {
					rolldownOptions: {
						output: {
							codeSplitting: { groups: { name: string; test: (id: string) => boolean }[] };
						};
					};
				};
		  }
		| undefined;
	const context = {
		environment: { config: { consumer } },
		getModuleIds: () => Object.keys(GRAPH)[Symbol.iterator](),
		getModuleInfo: (id: string) => GRAPH[id] ?? null,
		error: (message: string) => {
			throw new Error(message);
		}
	};
	// the hooks as plain functions: the plugin defines them so, not as Vite's object form
	(plugin.buildEnd as unknown as (this: typeof context) => void).call(context);
	return config?.build.rolldownOptions.output;
}

/** Runs the plugin's generateBundle (the last one, `order: 'post'`) over `bundle`. */
function generate(bundle: Record<string, object>, consumer: 'client' | 'server' = 'client') {
	const hook = viewChunk({ roots: [] }).generateBundle as unknown as {
		order: string;
		handler: (this: object, options: object, bundle: object) => void;
	};
	expect(hook.order).toBe('post');
	hook.handler.call({ environment: { config: { consumer } } }, {}, bundle);
}

describe('staticClosure', () => {
	it('follows static imports at any depth, through cycles, and keeps the roots', () => {
		const closure = staticClosure(
			['/app/.svelte-kit/generated/client-optimized/nodes/5.js'],
			(id) => GRAPH[id].importedIds
		);
		expect([...closure].sort()).toEqual([
			'/app/.svelte-kit/generated/client-optimized/nodes/5.js',
			'/app/node_modules/svelte/internal.js',
			'/app/src/lib/Panel.svelte',
			'/app/src/routes/forums/[forum]/+page.svelte'
		]);
	});
});

describe('viewChunk', () => {
	const roots = ['/src/routes/forums/[forum]/+page.svelte', '/generated/client-optimized/app.js'];

	it("groups what the view's roots import statically, and nothing else, into one chunk", () => {
		const [group] = build(roots)!.codeSplitting.groups;
		expect(group.name).toBe('view');
		const grouped = Object.keys(GRAPH).filter((id) => group.test(id));
		expect(grouped.sort()).toEqual([
			'/app/node_modules/svelte/internal.js',
			'/app/src/hooks.ts',
			'/app/src/lib/Panel.svelte',
			'/app/src/routes/forums/[forum]/+page.svelte'
		]);
		// left out: the entries (app.js, the node), the Chair's console loaded dynamically and
		// what it imports, the sign-in page and what it alone imports
	});

	it('fails the build when a root matches no module, or more than one', () => {
		expect(() => build([...roots, '/src/routes/forums/[forum]/+page.ts'])).toThrow(
			/0 modules end with \/src\/routes\/forums\/\[forum\]\/\+page\.ts/
		);
		expect(() => build(['.svelte'])).toThrow(/4 modules end with \.svelte/);
	});

	it("puts V8's compile hint on the first line of the view's chunk, and of no other", () => {
		const bundle = {
			'view.js': { type: 'chunk', name: 'view', code: 'const __vite__mapDeps=1;\nexport{a};' },
			'start.js': { type: 'chunk', name: 'start', code: 'export{b};' },
			'style.css': { type: 'asset', name: 'view', source: 'p{}' }
		};
		generate(bundle);
		expect(COMPILE_HINT).toBe('//# allFunctionsCalledOnLoad');
		expect(bundle['view.js'].code).toBe(`${COMPILE_HINT}\nconst __vite__mapDeps=1;\nexport{a};`);
		expect(bundle['start.js'].code).toBe('export{b};');
		expect(bundle['style.css']).toEqual({ type: 'asset', name: 'view', source: 'p{}' });
	});

	it("leaves the server's chunks without the hint", () => {
		const bundle = { 'view.js': { type: 'chunk', name: 'view', code: 'export{a};' } };
		generate(bundle, 'server');
		expect(bundle['view.js'].code).toBe('export{a};');
	});

	it('leaves the server build as it is', () => {
		expect(build(roots, 'server')).toBeUndefined();
	});
});
