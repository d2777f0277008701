/**
 * The outcome documents as Word files (DOCX): the Chair's report and the adopted opinions,
 * rendered from the models in $lib/outcome, in English or French. No state is read here: the
 * caller builds the models from the state the reader may see.
 */
import {
	AlignmentType,
	Document,
	HeadingLevel,
	Packer,
	Paragraph,
	TextRun,
	type ISectionOptions
} from 'docx';
import { styledParagraphs, type AdoptedOpinion, type ChairReport } from '$lib/outcome/chair-report';
import {
	formatMoment,
	LABELS,
	type OutcomeLanguage,
	type OutcomeLabels
} from '$lib/outcome/labels';

export const DOCX_CONTENT_TYPE =
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const LOCALE: Record<OutcomeLanguage, string> = { en: 'en-GB', fr: 'fr-CH' };

type Block = Paragraph;

const heading = (text: string, level: 1 | 2 | 3) =>
	new Paragraph({
		text,
		heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][level - 1]
	});

const plain = (text: string) => new Paragraph({ text });

/** "Label: value", the label in bold, with the colon as the language sets it. */
const labelled = (t: OutcomeLabels) => (label: string, value: string) =>
	new Paragraph({
		children: [new TextRun({ text: `${label}${t.colon}`, bold: true }), new TextRun(value)]
	});

const bullet = (children: TextRun[]) => new Paragraph({ children, bullet: { level: 0 } });

const quoted = (text: string) =>
	new Paragraph({ children: [new TextRun({ text, italics: true })], indent: { start: 720 } });

function titlePage(title: string, forumTitle: string, subtitle: string): Block[] {
	return [
		new Paragraph({ text: forumTitle, alignment: AlignmentType.CENTER }),
		new Paragraph({ text: title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }),
		...(subtitle ? [new Paragraph({ text: subtitle, alignment: AlignmentType.CENTER })] : [])
	];
}

function forumPart(report: ChairReport, t: OutcomeLabels): Block[] {
	const field = labelled(t);
	const { forum } = report;
	return [
		heading(t.theForum, 1),
		field(t.theme, forum.theme),
		...(forum.subthemes.length ? [field(t.subthemes, forum.subthemes.join('; '))] : []),
		field(t.dates, forum.dates),
		field(t.venue, forum.venue),
		...(forum.opened ? [field(t.opened, forum.opened)] : []),
		...(forum.closed ? [field(t.closed, forum.closed)] : [])
	];
}

function officersPart(report: ChairReport, t: OutcomeLabels): Block[] {
	const field = labelled(t);
	const { officers } = report;
	const chair = officers.chair;
	return [
		heading(t.officers, 1),
		chair
			? field(
					t.chair,
					`${chair.name}${chair.delegation ? ` (${chair.delegation})` : ''}${chair.elected ? `, ${chair.elected}` : ''}`
				)
			: field(t.chair, t.noChair),
		field(t.openingOfficer, officers.openingOfficer),
		field(t.viceChairs, officers.viceChairs.length ? officers.viceChairs.join(', ') : t.none),
		field(
			t.workingGroupChairs,
			officers.workingGroupChairs.length
				? officers.workingGroupChairs.map((w) => `${w.workingGroup}${t.colon}${w.name}`).join('; ')
				: t.none
		)
	];
}

function agendaPart(report: ChairReport, t: OutcomeLabels): Block[] {
	return [
		heading(t.agenda, 1),
		...report.agenda.flatMap((item) => [
			new Paragraph({
				children: [
					new TextRun({ text: `${t.item(item.number)}. ${item.title}`, bold: true }),
					new TextRun(` (${item.statusLabel})`)
				]
			}),
			...item.sittings.map((s) => bullet([new TextRun(s)]))
		])
	];
}

function observationsPart(report: ChairReport, t: OutcomeLabels): Block[] {
	if (report.observations.length === 0) {
		return [heading(t.observations, 1), plain(t.noObservations)];
	}
	return [
		heading(t.observations, 1),
		...report.observations.flatMap((section) => [
			heading(section.heading, 2),
			...section.observations.flatMap((o) => [
				new Paragraph({
					children: [new TextRun({ text: o.delegation, bold: true }), new TextRun(` (${o.status})`)]
				}),
				...o.text.split(/\n\s*\n/).map((p) => quoted(p.trim()))
			])
		])
	];
}

function statementsPart(report: ChairReport, t: OutcomeLabels): Block[] {
	if (report.statements.length === 0) return [heading(t.statements, 1), plain(t.noStatements)];
	return [
		heading(t.statements, 1),
		...report.statements.flatMap((item) => [
			heading(item.heading, 2),
			...item.speeches.map((s) =>
				bullet([
					new TextRun({
						text: `${s.speaker}${s.delegation ? ` (${s.delegation})` : ''}`,
						bold: true
					}),
					new TextRun(`${t.colon}${s.kindLabel}, ${s.capacity}, ${s.started}, ${s.duration}`)
				])
			)
		])
	];
}

function opinionsPart(report: ChairReport, t: OutcomeLabels): Block[] {
	const field = labelled(t);
	return [
		heading(t.opinions, 1),
		...report.opinions.flatMap((o) => [
			heading(o.heading, 2),
			field(t.outcome, o.outcomeLabel),
			...(o.decided ? [field(t.decided, o.decided)] : []),
			...(o.recorded ? [plain(o.recorded)] : []),
			...(o.amendments.length
				? [
						heading(t.amendmentsAccepted, 3),
						...o.amendments.flatMap((a) => [
							bullet([
								new TextRun({ text: a.change, bold: true }),
								new TextRun(`. ${a.proposedBy}.`)
							]),
							...(a.text ? [quoted(a.text)] : [])
						])
					]
				: []),
			...statementsOnRecord(t.reservations, o.reservations, t),
			...statementsOnRecord(t.objections, o.objections, t)
		])
	];
}

function statementsOnRecord(
	title: string,
	statements: { delegation: string; text: string }[],
	t: OutcomeLabels
): Block[] {
	if (statements.length === 0) return [];
	return [
		heading(title, 3),
		...statements.map((s) =>
			bullet([
				new TextRun({ text: `${s.delegation}${t.colon}`, bold: true }),
				new TextRun(s.text || t.noStatement)
			])
		)
	];
}

function summariesPart(report: ChairReport, t: OutcomeLabels): Block[] {
	return [
		heading(t.summaries, 1),
		...(report.summaries.length
			? report.summaries.flatMap((s) => [
					new Paragraph({ children: [new TextRun({ text: s.when, bold: true })] }),
					...s.text.split(/\n\s*\n/).map((p) => plain(p.trim()))
				])
			: [plain(t.noSummaries)])
	];
}

function documentOf(lang: OutcomeLanguage, title: string, children: Block[]): Document {
	const section: ISectionOptions = { children };
	return new Document({
		title,
		creator: 'Plenary',
		styles: { default: { document: { run: { language: { value: LOCALE[lang] } } } } },
		sections: [section]
	});
}

/** The Chair's report as a DOCX file. `seq` is the point of the log it was made from. */
export async function chairReportDocx(report: ChairReport, seq: number): Promise<Uint8Array> {
	const t = LABELS[report.lang];
	const children = [
		...titlePage(t.chairReport, report.forum.title, report.forum.dates),
		...forumPart(report, t),
		...officersPart(report, t),
		...agendaPart(report, t),
		...observationsPart(report, t),
		...statementsPart(report, t),
		...opinionsPart(report, t),
		...summariesPart(report, t),
		new Paragraph({ children: [new TextRun({ text: t.asRecorded(seq), italics: true })] })
	];
	return new Uint8Array(await Packer.toBuffer(documentOf(report.lang, t.chairReport, children)));
}

/** One opinion as ITU sets it: the chapeau, the preambular paragraphs, the numbered operative ones. */
export function opinionBlocks(
	opinion: AdoptedOpinion,
	forumTitle: string,
	lang: OutcomeLanguage
): Block[] {
	const t = LABELS[lang];
	const status = opinion.recorded
		? t.recorded(formatMoment(opinion.recordedAt!, lang))
		: t.notYetRecorded;
	return [
		heading(t.opinionHeading(opinion.number, opinion.title), 1),
		new Paragraph({
			children: [
				new TextRun({ text: `${t.outcomes[opinion.outcome]}. ${status}.`, italics: true }),
				...(opinion.illustrative
					? [new TextRun({ text: ` (${t.illustrative})`, italics: true })]
					: [])
			]
		}),
		plain(t.chapeau(forumTitle)),
		...styledParagraphs(opinion.paragraphs).map(
			(p) =>
				new Paragraph({
					indent: p.kind === 'operative' ? { start: 567, hanging: 567 } : undefined,
					children: [
						...(p.number !== null ? [new TextRun(`${p.number}\t`)] : []),
						new TextRun({ text: p.lead, italics: true }),
						new TextRun(p.rest)
					]
				})
		)
	];
}

/** Every adopted opinion in one DOCX file. */
export async function adoptedOpinionsDocx(
	opinions: AdoptedOpinion[],
	forumTitle: string,
	lang: OutcomeLanguage,
	seq: number
): Promise<Uint8Array> {
	const t = LABELS[lang];
	const children = [
		...titlePage(t.adoptedOpinions, forumTitle, ''),
		...(opinions.length
			? opinions.flatMap((o) => opinionBlocks(o, forumTitle, lang))
			: [plain(t.noAdoptedOpinions)]),
		new Paragraph({ children: [new TextRun({ text: t.asRecorded(seq), italics: true })] })
	];
	return new Uint8Array(await Packer.toBuffer(documentOf(lang, t.adoptedOpinions, children)));
}

/** The file name a download is saved under: `wtpf-26-chair-report-fr.docx`. */
export function docxFileName(forum: string, document: string, lang: OutcomeLanguage): string {
	return `${forum.replace(/[^A-Za-z0-9_-]/g, '')}-${document}-${lang}.docx`;
}
