/**
 * JSON text with every character outside ASCII written as a `\u` escape: the same JSON, the same
 * values once parsed, but a text of one-byte characters.
 *
 * The forum page fetches its snapshot (722 KB with 5,000 participants) and reads it with
 * `response.json()`. The generated forum's titles in Arabic, Chinese and Russian and a few accented
 * names are 1,615 characters of it; one of them is enough for the browser to decode the whole body
 * into a two-byte string and parse that. Written as escapes, the body decodes as one-byte text and
 * only the strings that hold such characters are two-byte: in Chromium at 4× CPU throttling,
 * `response.json()` of the snapshot took 125 ms → 43 ms (medians of 24; BENCHMARKS.md, note 28).
 */
export function asciiJson(json: string): string {
	// Code unit by code unit: a character outside the BMP becomes its surrogate pair, \ud83d\ude00,
	// which is how JSON writes it.
	return json.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const NON_ASCII = /[\u0080-\uffff]/g;
