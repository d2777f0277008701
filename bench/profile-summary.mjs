/**
 * Summarise a V8 .cpuprofile (from `npm run bench -- --cpu-prof`): self time by function, and
 * total (inclusive) time of the functions that matter. Usage: node bench/profile-summary.mjs FILE [N]
 * [FUNCTION]: with FUNCTION, only the samples taken inside a function of that name.
 */
import { readFileSync } from 'node:fs';

const [file, top = '25', under] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const deltas = profile.timeDeltas;
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0)));
const key = (n) => {
	const f = n.callFrame;
	const where = f.url ? f.url.split('/').slice(-2).join('/') : '';
	return `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`;
};
const selfBy = new Map();
const totalBy = new Map();
const inside = (id) => {
	for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
		if (byId.get(cur).callFrame.functionName === under) return true;
	}
	return false;
};
for (const [id, t] of self) {
	if (under && !inside(id)) continue;
	const n = byId.get(id);
	selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + t);
	const seen = new Set();
	for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
		const k = key(byId.get(cur));
		if (seen.has(k)) continue;
		seen.add(k);
		totalBy.set(k, (totalBy.get(k) ?? 0) + t);
	}
}
const all = [...selfBy.values()].reduce((a, b) => a + b, 0);
const show = (title, map) => {
	console.log(`\n${title} (of ${(all / 1000).toFixed(0)} ms sampled)`);
	for (const [k, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
		console.log(`${(t / 1000).toFixed(1).padStart(9)} ms  ${k}`);
	}
};
show('self time', selfBy);
show('total time', totalBy);
