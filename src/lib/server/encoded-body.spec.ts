import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COMPRESS_FROM_BYTES, contentEncodingFor, EncodedBody, jsonResponse } from './encoded-body';

/** A JSON text of about 40 KB, like a small forum's snapshot. */
const LARGE = JSON.stringify({
	participants: Array.from({ length: 400 }, (_, i) => ({
		id: `p-${i}`,
		name: `Delegate ${i}`,
		delegationId: `D${i % 50}`,
		role: 'delegate',
		present: i % 3 === 0
	}))
});

const request = (acceptEncoding?: string) =>
	new Request('http://plenary.test/api/forums/wtpf-26/state', {
		headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }
	});

describe('contentEncodingFor', () => {
	it('prefers Brotli, then gzip, as the request accepts them', () => {
		expect(contentEncodingFor('gzip, deflate, br, zstd')).toBe('br');
		expect(contentEncodingFor('gzip, deflate')).toBe('gzip');
		expect(contentEncodingFor('GZIP')).toBe('gzip');
		expect(contentEncodingFor('deflate')).toBeNull();
		expect(contentEncodingFor('')).toBeNull();
		expect(contentEncodingFor(null)).toBeNull();
	});

	it('takes a weight of 0 as a refusal, and * as any coding not named', () => {
		expect(contentEncodingFor('br;q=0, gzip;q=0.5')).toBe('gzip');
		expect(contentEncodingFor('br; q=0, gzip; q=0')).toBeNull();
		expect(contentEncodingFor('*')).toBe('br');
		expect(contentEncodingFor('*;q=0, gzip')).toBe('gzip');
		expect(contentEncodingFor('identity, *;q=0')).toBeNull();
	});
});

describe('EncodedBody', () => {
	it('makes each encoding once, and each decodes to the text', async () => {
		const body = new EncodedBody(LARGE);
		const br = body.encode('br');
		expect(body.encode('br')).toBe(br);
		expect(brotliDecompressSync(await br).toString()).toBe(LARGE);
		expect(gunzipSync(await body.encode('gzip')).toString()).toBe(LARGE);
		expect((await br).length).toBeLessThan(LARGE.length / 5);
	});
});

describe('jsonResponse', () => {
	it('compresses a large body for a client that accepts it, and says so', async () => {
		expect(LARGE.length).toBeGreaterThan(COMPRESS_FROM_BYTES);
		const body = new EncodedBody(LARGE);
		const response = await jsonResponse(request('gzip, br'), body, { 'cache-control': 'no-store' });
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('vary')).toBe('Accept-Encoding');
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(response.headers.get('cache-control')).toBe('no-store');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
		expect(brotliDecompressSync(bytes).toString()).toBe(LARGE);
	});

	it('sends the text as it is to a client that accepts no coding, and a small body always', async () => {
		for (const [text, accept] of [
			[LARGE, undefined],
			[LARGE, 'identity'],
			['{"ok":true}', 'br']
		] as const) {
			const response = await jsonResponse(request(accept), new EncodedBody(text));
			expect(response.headers.get('content-encoding')).toBeNull();
			expect(response.headers.get('vary')).toBe('Accept-Encoding');
			expect(await response.text()).toBe(text);
		}
	});
});
