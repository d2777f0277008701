/**
 * Browser build only: the delegate's view ships as one script rather than thirty-three.
 *
 * Rolldown splits the browser's code by what each page shares with the others, which gave the
 * forum page 33 small files. On a tablet's first load each of them is a request, a compile and a
 * link on the page's one main thread, all while the document is still being read (BENCHMARKS.md,
 * note 29). Here every module that the view's roots import, directly or not, without a dynamic
 * import on the way, goes into one chunk, `view`: the forum page, the root layout and error page
 * around it, SvelteKit's client and the hooks. Whatever the view loads later (another language's
 * messages, the Chair's console) and whatever other pages alone use stay in their own chunks, so
 * the view loads no other page's code. The other pages load the whole chunk for the part of it
 * they use: they are the pages a participant opens around the forum (sign-in, the printable
 * outcome, the room display), and the service worker keeps it.
 *
 * A root that is not found fails the build: a moved route would otherwise ship unnoticed as
 * thirty files again. No imports from $lib: Vite loads this file before its aliases exist.
 */
import type { Plugin } from 'vite';

/**
 * V8's explicit compile hint (Chrome 136 and later), on the first line of the view's chunk: compile
 * every function of the file while the file streams in, on a background thread, rather than each
 * one on the page's main thread the first time it is called. Nearly all of the view's code runs
 * while the page starts (its components hydrate, its rules apply the snapshot), and the main
 * thread is what a first load waits on (BENCHMARKS.md, note 35). Other browsers read a comment.
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** The modules that `roots` import statically, at any depth, themselves included. */
export function staticClosure(
	roots: readonly string[],
	importsOf: (id: string) => readonly string[]
): Set<string> {
	const seen = new Set<string>();
	const pending = [...roots];
	for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
		if (seen.has(id)) continue;
		seen.add(id);
		pending.push(...importsOf(id));
	}
	return seen;
}

/**
 * The members of `closure` that the chunk needs: all of them, but for the modules that `named`
 * matches (a barrel's members, the name in its first group), which are kept only when the code of
 * another member names them. Paraglide's barrel re-exports every message of the application, so
 * the static closure of the view holds all 555; without this, every message that any page uses
 * went into the view's chunk, since a group's modules go there whoever uses them.
 */
export function namedMembers(
	closure: Iterable<string>,
	codeOf: (id: string) => string | null,
	named: RegExp
): Set<string> {
	const ids = [...closure];
	const nameOf = (id: string) => named.exec(id)?.[1];
	// without quoted strings, where a barrel's `export * from './name.js'` names every member
	const others = ids
		.filter((id) => nameOf(id) === undefined)
		.map((id) => (codeOf(id) ?? '').replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, "''"))
		.join('\n');
	const words = new Set(others.match(/[A-Za-z_$][\w$]*/g));
	return new Set(
		ids.filter((id) => {
			const name = nameOf(id);
			return name === undefined || words.has(name);
		})
	);
}

/**
 * @param roots ends of module ids (paths from the project's root, or inside node_modules), each
 *   of which must match exactly one module of the browser's build
 * @param named modules that join the chunk only when another member names them (`namedMembers`)
 */
export function viewChunk({ roots, named }: { roots: readonly string[]; named?: RegExp }): Plugin {
	let members = new Set<string>();
	return {
		name: 'plenary-view-chunk',
		apply: 'build',
		config(_config, { isSsrBuild }) {
			if (isSsrBuild) return;
			return {
				build: {
					rolldownOptions: {
						output: { codeSplitting: { groups: [{ name: 'view', test: (id) => members.has(id) }] } }
					}
				}
			};
		},
		buildEnd(error) {
			if (error || this.environment.config.consumer !== 'client') return;
			const ids = [...this.getModuleIds()];
			const found = roots.map((root) => {
				const matches = ids.filter((id) => id.endsWith(root));
				if (matches.length !== 1) {
					this.error(`view chunk: ${matches.length} modules end with ${root}, not one`);
				}
				return matches[0];
			});
			const closure = staticClosure(found, (id) => this.getModuleInfo(id)?.importedIds ?? []);
			// An entry (SvelteKit's start and app, the pages' nodes) keeps its own file; the code it
			// imports comes from the chunk.
			const kept = [...closure].filter((id) => !this.getModuleInfo(id)?.isEntry);
			members = named
				? namedMembers(kept, (id) => this.getModuleInfo(id)?.code ?? null, named)
				: new Set(kept);
		},
		// Last of all: the hint must be the file's first line, and Vite's preload helper puts its
		// own line on top of the chunk in an earlier generateBundle; minification is over by then.
		generateBundle: {
			order: 'post',
			handler(_options, bundle) {
				if (this.environment.config.consumer !== 'client') return;
				for (const file of Object.values(bundle)) {
					if (file.type === 'chunk' && file.name === 'view') {
						file.code = `${COMPILE_HINT}\n${file.code}`;
					}
				}
			}
		}
	};
}
