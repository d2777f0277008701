/**
 * Field schemas shared by several command families. Each is annotated `#__PURE__`: a page that
 * imports a family file for its evolvers leaves them out of its bundle (rules.ts, FAMILIES).
 */
import { z } from 'zod';
import { DELEGATION_CATEGORIES, PARTICIPANT_ROLES } from './types';

/** A client-generated command id: a retry with the same id is applied once. */
export const commandId = /*#__PURE__*/ z
	.string()
	.regex(/^[A-Za-z0-9_-]{8,64}$/, 'A command id is 8 to 64 letters, digits, "-" or "_".');

export const agendaItemNumber = /*#__PURE__*/ z.number().int().min(1).max(10);

export const participantId = /*#__PURE__*/ z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const delegationId = /*#__PURE__*/ z
	.string()
	.regex(/^[A-Za-z0-9_-]{1,40}$/, 'A delegation code is 1 to 40 letters, digits, "-" or "_".');

export const shortText = (max: number) => z.string().trim().min(1).max(max);

/** A text in ITU's other official languages (types.ts, `Translations`): each optional. */
export const translations = (max: number) =>
	z.strictObject({
		fr: shortText(max).optional(),
		es: shortText(max).optional(),
		ar: shortText(max).optional(),
		zh: shortText(max).optional(),
		ru: shortText(max).optional()
	});

export const delegationCategory = /*#__PURE__*/ z.enum(DELEGATION_CATEGORIES);
export const participantRole = /*#__PURE__*/ z.enum(PARTICIPANT_ROLES);
