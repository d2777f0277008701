import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, namedMembers, staticClosure, viewChunk } from './view-chunk.vite';

/**
 * A browser build's module graph, as Rolldown describes it to a plugin: the forum page imports a
 * panel, which imports Svelte; the page loads the Chair's console dynamically; the sign-in page
 * imports Svelte too; the page's node and SvelteKit's app are entries.
 */
const GRAPH: Record<
	string,
	{ importedIds: string[]; dynamicallyImportedIds?: string[]; isEntry?: boolean; code?: string }
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
function build(
	roots: string[],
	consumer: 'client' | 'server' = 'client',
	{ graph = GRAPH, named }: { graph?: typeof GRAPH; named?: RegExp } = {}
) {
	const plugin = viewChunk({ roots, named });
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
		getModuleIds: () => Object.keys(graph)[Symbol.iterator](),
		getModuleInfo: (id: string) => graph[id] ?? null,
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

describe('namedMembers', () => {
	// Paraglide's barrel and three of its messages; the page names one message, the barrel all three
	const CODE: Record<string, string> = {
		'/app/src/routes/forums/[forum]/+page.svelte': 'text(m.floor_title()); const live = 1;',
		'/app/src/lib/paraglide/messages/_index.js':
			"export * from './floor_title.js'\nexport * from './setup_title.js'\nexport * from \"./live.js\"",
		'/app/src/lib/paraglide/messages/floor_title.js': 'export const floor_title = () => `Floor`',
		'/app/src/lib/paraglide/messages/setup_title.js': 'export const setup_title = () => `Set-up`',
		'/app/src/lib/paraglide/messages/live.js': 'export const live = () => `Live`'
	};
	const NAMED = /\/paraglide\/messages\/([a-z]\w*)\.js$/;

	it('keeps the named modules that other members name, outside quoted strings, and all others', () => {
		const kept = namedMembers(Object.keys(CODE), (id) => CODE[id], NAMED);
		expect([...kept].sort()).toEqual([
			'/app/src/lib/paraglide/messages/_index.js',
			'/app/src/lib/paraglide/messages/floor_title.js',
			// kept because the page has a variable of that name: a message too many, never one too few
			'/app/src/lib/paraglide/messages/live.js',
			'/app/src/routes/forums/[forum]/+page.svelte'
		]);
	});

	it('leaves out a named module when no code names it (code not to be had names nothing)', () => {
		const kept = namedMembers(
			['/app/a.js', '/app/src/lib/paraglide/messages/floor_title.js'],
			() => null,
			NAMED
		);
		expect([...kept]).toEqual(['/app/a.js']);
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

	it('groups only the messages that the code of the view names', () => {
		const messages = '/app/src/lib/paraglide/messages';
		const graph: typeof GRAPH = {
			'/app/src/routes/forums/[forum]/+page.svelte': {
				importedIds: [`${messages}/_index.js`],
				code: 'text(m.floor_title())'
			},
			[`${messages}/_index.js`]: {
				importedIds: [`${messages}/floor_title.js`, `${messages}/setup_title.js`],
				code: "export * from './floor_title.js'\nexport * from './setup_title.js'"
			},
			[`${messages}/floor_title.js`]: { importedIds: [], code: 'export const floor_title' },
			[`${messages}/setup_title.js`]: { importedIds: [], code: 'export const setup_title' },
			'/app/.svelte-kit/generated/client-optimized/app.js': { importedIds: [], isEntry: true }
		};
		const named = /\/paraglide\/messages\/([a-z]\w*)\.js$/;
		const [group] = build(roots, 'client', { graph, named })!.codeSplitting.groups;
		expect(Object.keys(graph).filter((id) => group.test(id))).toEqual([
			'/app/src/routes/forums/[forum]/+page.svelte',
			`${messages}/_index.js`,
			`${messages}/floor_title.js`
		]);
		// without `named`, the barrel takes every message into the chunk
		const [all] = build(roots, 'client', { graph })!.codeSplitting.groups;
		expect(all.test(`${messages}/setup_title.js`)).toBe(true);
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
