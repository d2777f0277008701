/**
 * How many participants the secretariat's list of presence shows at once, the first matches of
 * its search: a forum of thousands is searched at the desk, not scrolled (BENCHMARKS.md, note 56).
 */
export const PRESENCE_LIST_SHOWN = 50;
