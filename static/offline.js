// The offline page's script (src/routes/offline): renders what this device kept
// (src/lib/client/offline-cache.ts) with textContent only. A file, not an inline script, so that
// the Content-Security-Policy can forbid inline scripts.
addEventListener('online', () => location.reload());
// Browsers do not always say when the network is back: ask the server every few seconds.
setInterval(() => {
	fetch('/api/me', { cache: 'no-store' }).then(
		() => location.reload(),
		() => {}
	);
}, 3000);
addEventListener('DOMContentLoaded', () => {
	let entry = null;
	try {
		const last = JSON.parse(localStorage.getItem('plenary:last') || 'null');
		if (last)
			entry = JSON.parse(
				localStorage.getItem('plenary:forum:' + last.forum + ':' + last.participantId) || 'null'
			);
	} catch {
		entry = null;
	}
	const el = (tag, text, attrs) => {
		const node = document.createElement(tag);
		if (text !== undefined) node.textContent = text;
		for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
		return node;
	};
	const main = document.getElementById('kept');
	main.replaceChildren();
	if (!entry || !entry.reading) {
		main.append(
			el('h1', 'You are offline'),
			el('p', 'Nothing was kept on this device yet. Connect to the network and sign in.')
		);
		return;
	}
	const r = entry.reading;
	document.getElementById('when').textContent =
		', last updated at ' + new Date(entry.savedAt).toLocaleString();
	main.append(el('h1', r.title), el('p', 'Presiding: ' + r.presiding));
	const agenda = el('ol', undefined, { 'data-testid': 'offline-agenda' });
	for (const item of r.agenda) agenda.append(el('li', item.title + ' — ' + item.status));
	main.append(el('h2', 'Agenda'), agenda, el('h2', 'Draft opinions'));
	for (const o of r.opinions) {
		const details = el('details', undefined, { 'data-testid': 'offline-opinion-' + o.number });
		details.append(
			el('summary', 'Draft opinion ' + o.number + ': ' + o.title + ' (' + o.status + ')')
		);
		for (const p of o.paragraphs)
			details.append(el('p', p.text, p.kind === 'preambular' ? { class: 'preambular' } : {}));
		main.append(details);
	}
	main.append(el('h2', r.report.title || "Secretary-General's report"));
	for (const s of r.report.sections) {
		const details = el('details');
		details.append(el('summary', s.number + ' ' + s.title));
		for (const p of s.text.split(/\n\s*\n/)) details.append(el('p', p));
		main.append(details);
	}
});
