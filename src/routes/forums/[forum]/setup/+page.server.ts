import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { mayGive } from '$lib/forum/rules';
import { rolesOf, type Actor } from '$lib/forum/roles';
import { app } from '$lib/server/app';
import { forumAs } from '$lib/server/http';
import { CSV_MAX_BYTES, importParticipants } from '$lib/server/participants.import';
import { importReport, REPORT_MAX_BYTES } from '$lib/server/report.import';
import type { Actions, PageServerLoad } from './$types';

const NOT_REGISTERED = 'There is no such forum, or you are not registered for it.';
const SECRETARIAT_ONLY =
	'Only the secretariat sets up delegations and participants. If something about your delegation is wrong, ask the secretariat.';

/** Delegations and participants as the secretariat sees them, and whether they can still change. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.account) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const { forums } = await app();
	const seen = await forumAs(forums, params.forum, locals.account);
	if (!seen) error(404, { message: NOT_REGISTERED });
	const { host, viewer } = seen;
	const actor: Actor = { kind: 'participant', participantId: locals.account.id };
	if (!rolesOf(host.full, actor).has('secretariat')) error(403, { message: SECRETARIAT_ONLY });
	const { state } = await forums.snapshotOf(host, viewer);
	return {
		forum: { slug: state.slug, title: state.title, phase: state.phase },
		delegations: Object.values(state.delegations),
		participants: Object.values(state.participants),
		editable: mayGive(state, actor, 'participant.register'),
		report: {
			title: state.report.title,
			sections: state.report.sections.map(({ number, title }) => ({ number, title }))
		},
		reportEditable: mayGive(state, actor, 'report.add_section')
	};
};

function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
}

export const actions: Actions = {
	/** `delegation.register`, decided by the rules like any command. */
	delegation: async ({ locals, params, request }) => {
		if (!locals.account) redirect(303, '/login');
		const form = await request.formData();
		const values = {
			delegationId: text(form, 'delegationId'),
			name: text(form, 'name'),
			category: text(form, 'category')
		};
		const outcome = await (
			await app()
		).forums.execute(params.forum, locals.account.id, {
			id: randomUUID(),
			type: 'delegation.register',
			...values
		});
		if (!outcome.ok) {
			return fail(outcome.status, { form: 'delegation', message: outcome.error.message, values });
		}
		return { form: 'delegation', done: `${values.name} (${values.delegationId}) is registered.` };
	},

	/** `participant.register`; an empty delegation means a member of the secretariat. */
	participant: async ({ locals, params, request }) => {
		if (!locals.account) redirect(303, '/login');
		const form = await request.formData();
		const values = {
			email: text(form, 'email'),
			name: text(form, 'name'),
			delegationId: text(form, 'delegationId'),
			role: text(form, 'role')
		};
		const password = form.get('password');
		const outcome = await (
			await app()
		).forums.execute(params.forum, locals.account.id, {
			id: randomUUID(),
			type: 'participant.register',
			...values,
			delegationId: values.delegationId === '' ? null : values.delegationId,
			...(typeof password === 'string' && password !== '' ? { password } : {})
		});
		if (!outcome.ok) {
			return fail(outcome.status, { form: 'participant', message: outcome.error.message, values });
		}
		return { form: 'participant', done: `${values.name} (${values.email}) is registered.` };
	},

	/** A CSV file (or pasted text), imported row by row (docs/participants-csv.md). */
	import: async ({ locals, params, request }) => {
		if (!locals.account) redirect(303, '/login');
		const form = await request.formData();
		const file = form.get('file');
		let csv: string;
		if (file instanceof File && file.size > 0) {
			if (file.size > CSV_MAX_BYTES) {
				return fail(400, {
					form: 'import',
					message: `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; at most 2 MB can be imported at once. Split it into several files.`
				});
			}
			csv = await file.text();
		} else {
			csv = typeof form.get('csv') === 'string' ? String(form.get('csv')) : '';
		}
		if (csv.trim() === '') {
			return fail(400, {
				form: 'import',
				message: 'Choose a CSV file, or paste its text into the box, then import.'
			});
		}
		const outcome = await importParticipants(
			(await app()).forums,
			params.forum,
			locals.account.id,
			csv
		);
		if (!outcome.ok) {
			return fail(outcome.status, {
				form: 'import',
				message: outcome.error.message,
				rows: outcome.rows ?? []
			});
		}
		return { form: 'import', report: outcome };
	},

	/** The Secretary-General's report from a Markdown file (or pasted text), section by section. */
	importReport: async ({ locals, params, request }) => {
		if (!locals.account) redirect(303, '/login');
		const form = await request.formData();
		const file = form.get('file');
		let markdown: string;
		if (file instanceof File && file.size > 0) {
			if (file.size > REPORT_MAX_BYTES) {
				return fail(400, {
					form: 'report' as const,
					message: `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; at most 1 MB can be imported at once. Import the report in parts, a few sections per file.`,
					problems: []
				});
			}
			markdown = await file.text();
		} else {
			markdown = typeof form.get('markdown') === 'string' ? String(form.get('markdown')) : '';
		}
		if (markdown.trim() === '') {
			return fail(400, {
				form: 'report' as const,
				message: "Choose the report's Markdown file, or paste its text into the box, then import.",
				problems: []
			});
		}
		const outcome = await importReport(
			(await app()).forums,
			params.forum,
			locals.account.id,
			markdown
		);
		if (!outcome.ok) {
			return fail(outcome.status, {
				form: 'report' as const,
				message: outcome.error.message,
				problems: outcome.problems ?? []
			});
		}
		return { form: 'report' as const, reportImport: outcome };
	}
};
