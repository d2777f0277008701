import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
	COMPRESS_FROM_BYTES,
	compressedResponse,
	contentEncodingFor,
	EncodedBody,
	jsonResponse
} from './encoded-body';

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

describe('compressedResponse', () => {
	const PAGE = `<!doctype html><html><body>${'<p>The floor — item 8</p>'.repeat(600)}</body></html>`;
	const page = (status = 200, type = 'text/html') => {
		const headers = new Headers({ 'content-type': type, 'x-frame-options': 'DENY' });
		headers.append('set-cookie', 'a=1; Path=/');
		headers.append('set-cookie', 'b=2; Path=/');
		return new Response(PAGE, { status, headers });
	};
	const get = (acceptEncoding = 'gzip, deflate, br', method = 'GET') =>
		new Request('http://plenary.test/forums/wtpf-26', {
			method,
			headers: { 'accept-encoding': acceptEncoding }
		});

	it('compresses a large page, keeping its status, its headers and each of its cookies', async () => {
		const response = await compressedResponse(get(), page());
		expect(response.status).toBe(200);
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('vary')).toMatch(/Accept-Encoding/);
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
		expect(brotliDecompressSync(bytes).toString()).toBe(PAGE);
		const gz = await compressedResponse(get('gzip'), page(200, 'application/json'));
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(PAGE);
	});

	it('leaves as it is what is not a large page or JSON, not a 200, not a GET, or already encoded', async () => {
		const small = await compressedResponse(
			get(),
			new Response('<p>hi</p>', { headers: { 'content-type': 'text/html' } })
		);
		expect(small.headers.get('content-encoding')).toBeNull();
		expect(await small.text()).toBe('<p>hi</p>');
		const plain = await compressedResponse(get('identity'), page());
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(plain.headers.get('vary')).toMatch(/Accept-Encoding/);
		expect(await plain.text()).toBe(PAGE);
		for (const [request, response] of [
			[get(), page(404)],
			[get(), page(200, 'text/event-stream')],
			[get('br', 'POST'), page()]
		] as const) {
			const out = await compressedResponse(request, response);
			expect(out).toBe(response);
		}
		// the state route's answer, sent as it is to a client that accepts no coding: not read
		// again, and its Vary said once
		const plainJson = await jsonResponse(get('identity'), new EncodedBody(LARGE));
		const passed = await compressedResponse(get('br'), plainJson);
		expect(passed).toBe(plainJson);
		expect(passed.headers.get('vary')).toBe('Accept-Encoding');
		const encoded = new Response('x', {
			headers: { 'content-type': 'application/json', 'content-encoding': 'br' }
		});
		expect(await compressedResponse(get(), encoded)).toBe(encoded);
	});
});
