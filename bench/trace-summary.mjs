/**
 * Summarise a Chromium trace of one page load (from `npm run bench -- --only=page --trace`): what the
 * page's main thread did, by kind of work (self time: a task's time less its children's), and its
 * long tasks in order with the work that filled each. Usage: node bench/trace-summary.mjs FILE [N]
 * (N: how many kinds and tasks to list; 25 by default).
 */
import { readFileSync } from 'node:fs';

const [file, top = '25'] = process.argv.slice(2);
const { traceEvents } = JSON.parse(readFileSync(file, 'utf8'));

// The page's main thread: the CrRendererMain with the most events (other renderers idle).
const names = traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name');
const mains = names.filter((e) => e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
const count = new Map(mains.map((k) => [k, 0]));
for (const e of traceEvents) {
	const k = `${e.pid}:${e.tid}`;
	if (count.has(k)) count.set(k, count.get(k) + 1);
}
const main = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
if (!main) throw new Error('no renderer main thread in this trace');

// Complete slices on that thread (X events, and B/E pairs joined), in µs.
const slices = [];
const open = [];
for (const e of traceEvents) {
	if (`${e.pid}:${e.tid}` !== main) continue;
	if (e.ph === 'X' && e.dur !== undefined)
		slices.push({ name: e.name, ts: e.ts, end: e.ts + e.dur, args: e.args });
	else if (e.ph === 'B') open.push(e);
	else if (e.ph === 'E') {
		const b = open.pop();
		if (b) slices.push({ name: b.name, ts: b.ts, end: e.ts, args: b.args });
	}
}
slices.sort((a, b) => a.ts - b.ts || b.end - a.end);

// Nesting: each slice's parent is the innermost earlier slice that contains it.
const stack = [];
for (const s of slices) {
	while (stack.length && stack.at(-1).end <= s.ts) stack.pop();
	s.parent = stack.at(-1) ?? null;
	s.self = s.end - s.ts;
	if (s.parent) s.parent.self -= Math.min(s.end, s.parent.end) - s.ts;
	stack.push(s);
}

const navigation = traceEvents.find(
	(e) => e.name === 'navigationStart' && `${e.pid}:${e.tid}` === main
);
const origin = navigation?.ts ?? slices[0]?.ts ?? 0;
const ms = (us) => (us / 1000).toFixed(1);

const label = (s) => {
	const url = s.args?.data?.url ?? s.args?.data?.stackTrace?.[0]?.url ?? s.args?.fileName ?? '';
	return url ? `${s.name} ${url.split('/').pop()}` : s.name;
};

const selfBy = new Map();
for (const s of slices) selfBy.set(s.name, (selfBy.get(s.name) ?? 0) + Math.max(0, s.self));
const tasks = slices.filter((s) => !s.parent);
const busy = tasks.reduce((t, s) => t + (s.end - s.ts), 0);
const last = Math.max(...slices.map((s) => s.end));
console.log(`main thread busy ${ms(busy)} ms of ${ms(last - origin)} ms from navigation\n`);
console.log(`self time by kind of work`);
for (const [name, t] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
	console.log(`${ms(t).padStart(9)} ms  ${name}`);
}

// The same self times in a few groups (what is left is mostly V8 running the page's code in tasks
// the trace does not name further)
const GROUPS = [
	['compiling scripts', /^V8\.(Compile|Parse|PreParse)|^v8\.compile/],
	[
		'running scripts',
		/^(FunctionCall|EvaluateScript|v8\.evaluateModule|RunMicrotasks|V8\.Execute)/
	],
	[
		'style, layout, paint',
		/^(UpdateLayoutTree|Layout|PrePaint|Paint|Layerize|Commit|IntersectionObserverController)/
	],
	[
		'the document',
		/^(ParseHTML|DecodedDataDocumentParser|DocumentLoader|HTMLDocumentParser|ParseAuthorStyleSheet)/
	],
	['garbage collection', /GC/]
];
console.log(`\nby group`);
for (const [group, pattern] of GROUPS) {
	const t = [...selfBy].filter(([name]) => pattern.test(name)).reduce((sum, [, v]) => sum + v, 0);
	console.log(`${ms(t).padStart(9)} ms  ${group}`);
}

console.log(`\ntasks over 16 ms, from navigation (start, length: the work inside, by self time)`);
const inside = (task) => {
	const by = new Map();
	for (const s of slices) {
		if (s.ts < task.ts || s.end > task.end) continue;
		const k = s === task ? s.name : label(s);
		by.set(k, (by.get(k) ?? 0) + Math.max(0, s.self));
	}
	return [...by]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 5)
		.filter(([, t]) => t > 2000)
		.map(([k, t]) => `${k} ${ms(t)}`)
		.join(', ');
};
for (const task of tasks.filter((s) => s.end - s.ts > 16_000).slice(0, Number(top))) {
	console.log(
		`${ms(task.ts - origin).padStart(8)} ${ms(task.end - task.ts).padStart(7)}  ${inside(task)}`
	);
}
