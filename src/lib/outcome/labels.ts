/**
 * The words of the outcome documents (the Chair's report and the adopted opinions) in English
 * and French: French is the text that prevails in case of dispute (domain.md, "Languages").
 * Pure: the page and the DOCX files read the same labels, so they say the same thing.
 */
import type { AgendaItemStatus, FloorKind, Localized } from '$lib/forum/types';

export const OUTCOME_LANGUAGES = ['en', 'fr'] as const;
export type OutcomeLanguage = (typeof OUTCOME_LANGUAGES)[number];

/** `?lang=` as given: absent means English; anything else than `en` or `fr` is null. */
export function parseLanguage(value: string | null): OutcomeLanguage | null {
	if (value === null || value === '') return 'en';
	return (OUTCOME_LANGUAGES as readonly string[]).includes(value)
		? (value as OutcomeLanguage)
		: null;
}

/**
 * WTPF meets at ITU headquarters in Geneva and the forum's settings carry no time zone yet, so
 * the documents give Geneva time (the IANA zone is named Europe/Zurich).
 */
export const FORUM_TIME_ZONE = 'Europe/Zurich';

/** What became of a draft opinion, as the Chair's report states it. */
export type OpinionOutcome =
	'adopted' | 'adopted_with_amendments' | 'not_adopted' | 'deferred' | 'undecided';

export type ParagraphRef =
	{ kind: 'preambular' | 'operative'; number: number } | { kind: 'inserted'; by: string };

export interface OutcomeLabels {
	language: string;
	/** between a label and its value: French sets a space before the colon */
	colon: string;
	chairReport: string;
	adoptedOpinions: string;
	theForum: string;
	theme: string;
	subthemes: string;
	dates: string;
	venue: string;
	opened: string;
	closed: string;
	officers: string;
	chair: string;
	chairElected: (how: 'acclamation' | 'vote', at: string, round: number | null) => string;
	noChair: string;
	openingOfficer: string;
	viceChairs: string;
	workingGroupChairs: string;
	none: string;
	agenda: string;
	item: (n: number) => string;
	itemStatus: Record<AgendaItemStatus, string>;
	sitting: (opened: string, ended: string | null, endedAs: 'suspended' | 'closed' | null) => string;
	observations: string;
	section: (number: string, title: string) => string;
	presented: (at: string) => string;
	notPresented: string;
	noObservations: string;
	statements: string;
	floorKind: Record<FloorKind, string>;
	capacity: (onBehalfOf: string | null) => string;
	noStatements: string;
	opinions: string;
	draftOpinion: (n: number, title: string) => string;
	outcome: string;
	outcomes: Record<OpinionOutcome, string>;
	decided: string;
	reservations: string;
	objections: string;
	noStatement: string;
	amendmentsAccepted: string;
	proposedBy: (delegation: string, secondedBy: string | null) => string;
	paragraph: (ref: ParagraphRef) => string;
	replaced: (paragraph: string) => string;
	inserted: (kind: 'preambular' | 'operative', after: string | null) => string;
	deleted: (paragraph: string) => string;
	recorded: (at: string) => string;
	notYetRecorded: string;
	summaries: string;
	noSummaries: string;
	opinionHeading: (n: number, title: string) => string;
	chapeau: (forumTitle: string) => string;
	illustrative: string;
	noAdoptedOpinions: string;
	asRecorded: (seq: number) => string;
	download: string;
	print: string;
	backToForum: string;
	otherLanguage: { lang: OutcomeLanguage; label: string };
	otherDocument: string;
}

const en: OutcomeLabels = {
	language: 'English',
	colon: ': ',
	chairReport: "Chair's report",
	adoptedOpinions: 'Opinions adopted by the Forum',
	theForum: 'The Forum',
	theme: 'Theme',
	subthemes: 'Sub-themes',
	dates: 'Dates',
	venue: 'Venue',
	opened: 'Opened',
	closed: 'Closed',
	officers: 'Officers',
	chair: 'Chair',
	chairElected: (how, at, round) =>
		how === 'acclamation'
			? `elected by acclamation on ${at}`
			: `elected by vote${round ? ` in round ${round}` : ''} on ${at}`,
	noChair: 'No Chair has been elected yet.',
	openingOfficer: 'Opening officer (items 1 and 2)',
	viceChairs: 'Vice-chairs',
	workingGroupChairs: 'Working-group chairs',
	none: 'None',
	agenda: 'Agenda and sittings',
	item: (n) => `Item ${n}`,
	itemStatus: { pending: 'not taken up', open: 'open', suspended: 'suspended', closed: 'closed' },
	sitting: (opened, ended, endedAs) =>
		ended === null
			? `opened ${opened}, still open`
			: `opened ${opened}, ${endedAs === 'suspended' ? 'suspended' : 'closed'} ${ended}`,
	observations: "Members' observations on the report",
	section: (number, title) => `Section ${number}: ${title}`,
	presented: (at) => `presented ${at}`,
	notPresented: 'submitted, not presented',
	noObservations: 'No observation was submitted.',
	statements: 'Statements',
	floorKind: {
		statement: 'Statement',
		point_of_order: 'Point of order',
		right_of_reply: 'Right of reply'
	},
	capacity: (group) => (group ? `on behalf of ${group}` : 'for own delegation'),
	noStatements: 'No statement was recorded.',
	opinions: 'Draft opinions',
	draftOpinion: (n, title) => `Draft opinion ${n}: ${title}`,
	outcome: 'Outcome',
	outcomes: {
		adopted: 'Adopted',
		adopted_with_amendments: 'Adopted with amendments',
		not_adopted: 'Not adopted',
		deferred: 'Deferred',
		undecided: 'Not yet decided'
	},
	decided: 'Decided',
	reservations: 'Reservations',
	objections: 'Objections recorded',
	noStatement: 'No statement given.',
	amendmentsAccepted: 'Amendments accepted',
	proposedBy: (delegation, secondedBy) =>
		`Proposed by ${delegation}${secondedBy ? `, seconded by ${secondedBy}` : ''}`,
	paragraph: (ref) =>
		ref.kind === 'inserted'
			? `the paragraph inserted on the proposal of ${ref.by}`
			: `${ref.kind} paragraph ${ref.number}`,
	replaced: (paragraph) => `New wording of ${paragraph}`,
	inserted: (kind, after) =>
		`New ${kind} paragraph ${after === null ? 'at the start' : `after ${after}`}`,
	deleted: (paragraph) => `Deletion of ${paragraph}`,
	recorded: (at) => `Final text recorded by the secretariat on ${at}`,
	notYetRecorded: 'Final text not yet recorded by the secretariat',
	summaries: 'Sessions for Member States only: published summaries',
	noSummaries: 'No summary has been published.',
	opinionHeading: (n, title) => `Opinion ${n}: ${title}`,
	chapeau: (forumTitle) => `The ${forumTitle},`,
	illustrative: 'Illustrative text',
	noAdoptedOpinions: 'No opinion has been adopted yet.',
	asRecorded: (seq) => `As recorded up to event ${seq} of the forum's log.`,
	download: 'Download (Word)',
	print: 'Print',
	backToForum: 'Back to the forum',
	otherLanguage: { lang: 'fr', label: 'Version française' },
	otherDocument: 'Other outcome document'
};

/** French "de" before a named paragraph: "du paragraphe…", "de l'alinéa…". */
function ofFr(paragraph: string): string {
	return paragraph.startsWith('le ') ? `du ${paragraph.slice(3)}` : `de ${paragraph}`;
}

const fr: OutcomeLabels = {
	language: 'Français',
	colon: ' : ',
	chairReport: 'Rapport du Président',
	adoptedOpinions: 'Avis adoptés par le Forum',
	theForum: 'Le Forum',
	theme: 'Thème',
	subthemes: 'Sous-thèmes',
	dates: 'Dates',
	venue: 'Lieu',
	opened: 'Ouverture',
	closed: 'Clôture',
	officers: 'Bureau',
	chair: 'Président',
	chairElected: (how, at, round) =>
		how === 'acclamation'
			? `élu par acclamation le ${at}`
			: `élu par vote${round ? ` au tour ${round}` : ''} le ${at}`,
	noChair: "Aucun président n'a encore été élu.",
	openingOfficer: "Responsable de l'ouverture (points 1 et 2)",
	viceChairs: 'Vice-présidents',
	workingGroupChairs: 'Présidents des groupes de travail',
	none: 'Aucun',
	agenda: 'Ordre du jour et séances',
	item: (n) => `Point ${n}`,
	itemStatus: { pending: 'non examiné', open: 'ouvert', suspended: 'suspendu', closed: 'clos' },
	sitting: (opened, ended, endedAs) =>
		ended === null
			? `ouvert le ${opened}, toujours ouvert`
			: `ouvert le ${opened}, ${endedAs === 'suspended' ? 'suspendu' : 'clos'} le ${ended}`,
	observations: 'Observations des membres concernant le rapport',
	section: (number, title) => `Section ${number} : ${title}`,
	presented: (at) => `présentée le ${at}`,
	notPresented: 'soumise, non présentée',
	noObservations: "Aucune observation n'a été soumise.",
	statements: 'Déclarations',
	floorKind: {
		statement: 'Déclaration',
		point_of_order: "Motion d'ordre",
		right_of_reply: 'Droit de réponse'
	},
	capacity: (group) => (group ? `au nom de ${group}` : 'pour sa délégation'),
	noStatements: "Aucune déclaration n'a été enregistrée.",
	opinions: "Projets d'avis",
	draftOpinion: (n, title) => `Projet d'avis ${n} : ${title}`,
	outcome: 'Résultat',
	outcomes: {
		adopted: 'Adopté',
		adopted_with_amendments: 'Adopté avec amendements',
		not_adopted: 'Non adopté',
		deferred: 'Reporté',
		undecided: 'Pas encore décidé'
	},
	decided: 'Décision',
	reservations: 'Réserves',
	objections: 'Objections enregistrées',
	noStatement: 'Aucune déclaration.',
	amendmentsAccepted: 'Amendements acceptés',
	proposedBy: (delegation, secondedBy) =>
		`Proposé par ${delegation}${secondedBy ? `, appuyé par ${secondedBy}` : ''}`,
	paragraph: (ref) =>
		ref.kind === 'inserted'
			? `l'alinéa inséré sur proposition de ${ref.by}`
			: ref.kind === 'preambular'
				? `l'alinéa ${ref.number} du préambule`
				: `le paragraphe ${ref.number} du dispositif`,
	replaced: (paragraph) => `Nouveau libellé ${ofFr(paragraph)}`,
	inserted: (kind, after) =>
		`Nouvel ${kind === 'preambular' ? 'alinéa du préambule' : 'paragraphe du dispositif'} ${after === null ? 'au début' : `après ${after}`}`,
	deleted: (paragraph) => `Suppression ${ofFr(paragraph)}`,
	recorded: (at) => `Texte final enregistré par le secrétariat le ${at}`,
	notYetRecorded: 'Texte final pas encore enregistré par le secrétariat',
	summaries: 'Séances réservées aux États Membres : résumés publiés',
	noSummaries: "Aucun résumé n'a été publié.",
	opinionHeading: (n, title) => `Avis ${n} : ${title}`,
	chapeau: (forumTitle) => `Le ${forumTitle},`,
	illustrative: 'Texte illustratif',
	noAdoptedOpinions: "Aucun avis n'a encore été adopté.",
	asRecorded: (seq) => `Selon le registre du forum jusqu'à l'événement ${seq}.`,
	download: 'Télécharger (Word)',
	print: 'Imprimer',
	backToForum: 'Retour au forum',
	otherLanguage: { lang: 'en', label: 'English version' },
	otherDocument: 'Autre document final'
};

export const LABELS: Record<OutcomeLanguage, OutcomeLabels> = { en, fr };

/** A localized text in `lang`, or in English when it has no translation. */
export function localized(text: Localized, lang: OutcomeLanguage): string {
	return text[lang] ?? text.en;
}

const LOCALES: Record<OutcomeLanguage, string> = { en: 'en-GB', fr: 'fr-CH' };

/** A moment as the documents print it: "12 May 2026, 09:30" in the forum's time zone. */
export function formatMoment(at: number, lang: OutcomeLanguage): string {
	return new Intl.DateTimeFormat(LOCALES[lang], {
		dateStyle: 'long',
		timeStyle: 'short',
		timeZone: FORUM_TIME_ZONE
	}).format(at);
}

/** The forum's dates ("1–3 December 2026"); empty while the forum has none. */
export function formatDates(dates: { start: string; end: string }, lang: OutcomeLanguage): string {
	const start = Date.parse(dates.start);
	const end = Date.parse(dates.end || dates.start);
	if (Number.isNaN(start) || Number.isNaN(end)) return '';
	const format = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' });
	return end > start ? format.formatRange(start, end) : format.format(start);
}

/** A speech's length: "2 min 05 s". */
export function formatDuration(seconds: number): string {
	const minutes = Math.floor(seconds / 60);
	const rest = String(seconds % 60).padStart(2, '0');
	return minutes > 0 ? `${minutes} min ${rest} s` : `${seconds} s`;
}
