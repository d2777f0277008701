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
	let heardAt = null;
	try {
		const last = JSON.parse(localStorage.getItem('plenary:last') || 'null');
		if (last)
			entry = JSON.parse(
				localStorage.getItem('plenary:forum:' + last.forum + ':' + last.participantId) || 'null'
			);
		// The copy is written again only when what it shows changed; the last time the page heard
		// from the server, when the copy was still right, is kept beside it (saveForum).
		if (entry) heardAt = Math.max(entry.savedAt, last.savedAt || 0);
	} catch {
		entry = null;
	}
	// The page's words in the language of what was kept, or of the address asked for (/fr/…):
	// the offline page carries every language's (src/routes/offline/+page.svelte).
	let texts = {};
	try {
		texts = JSON.parse(document.getElementById('offline-texts')?.dataset.texts || '{}');
	} catch {
		texts = {};
	}
	const prefix = location.pathname.split('/')[1];
	const lang = entry?.reading?.lang ?? (prefix in texts && prefix !== 'en' ? prefix : 'en');
	const t = texts[lang] ?? texts.en ?? {};
	document.documentElement.lang = lang;
	document.documentElement.dir = entry?.reading?.dir ?? (lang === 'ar' ? 'rtl' : 'ltr');
	if (t.title) document.title = t.title + ' · Plenary';
	const banner = document.getElementById('offline-banner');
	if (banner && t.banner) banner.textContent = t.banner;
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
			el('h1', t.nothingTitle || 'You are offline'),
			el(
				'p',
				t.nothing || 'Nothing was kept on this device yet. Connect to the network and sign in.'
			)
		);
		return;
	}
	const r = entry.reading;
	const when = new Date(heardAt).toLocaleString(lang, { numberingSystem: 'latn' });
	if (banner && t.bannerSince) banner.textContent = t.bannerSince.replace('{time}', when);
	const labels = r.labels || {
		agenda: 'Agenda',
		opinions: 'Draft opinions',
		presiding: 'Presiding:',
		report: "Secretary-General's report"
	};
	main.append(el('h1', r.title), el('p', labels.presiding + ' ' + r.presiding));
	const agenda = el('ol', undefined, { 'data-testid': 'offline-agenda' });
	for (const item of r.agenda) agenda.append(el('li', item.title + ' — ' + item.status));
	main.append(el('h2', labels.agenda), agenda, el('h2', labels.opinions));
	for (const o of r.opinions) {
		const details = el('details', undefined, { 'data-testid': 'offline-opinion-' + o.number });
		details.append(el('summary', o.number + '. ' + o.title + ' (' + o.status + ')'));
		for (const p of o.paragraphs)
			details.append(el('p', p.text, p.kind === 'preambular' ? { class: 'preambular' } : {}));
		main.append(details);
	}
	main.append(el('h2', r.report.title || labels.report));
	for (const s of r.report.sections) {
		const details = el('details');
		details.append(el('summary', s.number + ' ' + s.title));
		for (const p of s.text.split(/\n\s*\n/)) details.append(el('p', p));
		main.append(details);
	}
});
