/**
 * The Chair's console (and the panels only it uses) is code no delegate runs: it is a module of
 * its own, loaded for the presiding officer only, by the forum page's `load` when the page opens
 * (so it hydrates at once) or by the page itself when an election makes this participant the Chair.
 */
export const loadChairConsole = () =>
	import('$lib/components/ChairConsole.svelte').then((module) => module.default);
