import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '$lib/forum/types';
import { isRtl, localized, opinionTitle, paragraphText, translated } from './i18n';

describe('the forum’s own content in the reader’s language', () => {
	const title = { en: 'Opening of the Forum', fr: 'Ouverture du Forum' };

	it('is the reader’s language where it exists', () => {
		expect(localized(title, 'fr')).toEqual({
			text: 'Ouverture du Forum',
			lang: 'fr',
			fallback: false
		});
	});

	it('is English otherwise, marked as a fallback (lang="en")', () => {
		expect(localized(title, 'ar')).toEqual({
			text: 'Opening of the Forum',
			lang: 'en',
			fallback: true
		});
	});

	it('is English, not a fallback, for an English reader', () => {
		expect(localized(title, 'en')).toEqual({
			text: 'Opening of the Forum',
			lang: 'en',
			fallback: false
		});
	});

	it('treats an empty translation as missing', () => {
		expect(localized({ en: 'Debate', ru: '' }, 'ru').fallback).toBe(true);
	});

	it('never lets a translation replace the English text', () => {
		const odd = { en: 'Another' } as unknown as Record<string, string>;
		expect(translated('Debate', odd, 'en').text).toBe('Debate');
	});

	it('reads a draft opinion’s title and paragraphs with their optional translations', () => {
		const opinion = {
			title: 'Bridging divides',
			titleTranslations: { fr: 'Réduire les fractures' }
		};
		expect(opinionTitle(opinion, 'fr')).toMatchObject({
			text: 'Réduire les fractures',
			lang: 'fr'
		});
		expect(opinionTitle({ title: 'Bridging divides' }, 'zh')).toMatchObject({
			text: 'Bridging divides',
			lang: 'en',
			fallback: true
		});
		const paragraph = {
			id: 'p1',
			kind: 'operative' as const,
			text: 'invites…',
			translations: { ar: 'يدعو…' }
		};
		expect(paragraphText(paragraph, 'ar')).toEqual({ text: 'يدعو…', lang: 'ar', fallback: false });
		expect(paragraphText(paragraph, 'es')).toEqual({
			text: 'invites…',
			lang: 'en',
			fallback: true
		});
	});

	it('writes Arabic only right to left', () => {
		expect(LANGUAGES.filter(isRtl)).toEqual(['ar']);
	});
});

type Message = string | { match: Record<string, string> }[];
const messages = Object.fromEntries(
	LANGUAGES.map((l) => [
		l,
		JSON.parse(readFileSync(`messages/${l}.json`, 'utf8')) as Record<string, Message>
	])
);
/** The placeholders a message uses, over all its variants: `{time}` → time. */
function placeholders(message: Message): string[] {
	const texts =
		typeof message === 'string' ? [message] : message.flatMap((m) => Object.values(m.match));
	const names = texts.flatMap((t) =>
		[...t.matchAll(/(?<!\\)\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1])
	);
	return [...new Set(names)].sort();
}

describe('the interface’s messages', () => {
	const keys = Object.keys(messages.en).filter((k) => k !== '$schema');

	it.each(LANGUAGES.filter((l) => l !== 'en'))(
		'%s has every English message, and no other',
		(l) => {
			const own = Object.keys(messages[l]).filter((k) => k !== '$schema');
			expect(
				keys.filter((k) => !own.includes(k)),
				'missing'
			).toEqual([]);
			expect(
				own.filter((k) => !keys.includes(k)),
				'unknown'
			).toEqual([]);
		}
	);

	it.each(LANGUAGES.filter((l) => l !== 'en'))(
		'%s uses the same placeholders as English in every message',
		(l) => {
			const different = keys.filter(
				(k) =>
					messages[l][k] !== undefined &&
					placeholders(messages[l][k]).join() !== placeholders(messages.en[k]).join()
			);
			expect(different).toEqual([]);
		}
	);

	it.each(LANGUAGES)('%s has no empty message', (l) => {
		expect(
			keys.filter((k) => placeholders(messages[l][k]) && JSON.stringify(messages[l][k]) === '""')
		).toEqual([]);
	});
});
