/**
 * Large JSON answers compressed for the wire. The forum page's snapshot is about 750 KB of JSON
 * for a forum of 5,000 participants, fetched by every tablet that opens the page: uncompressed,
 * 3.7 GB over the venue's Wi-Fi when 5,000 delegates open it, and more than a second of a hotel's
 * connection for each. Brotli at quality 5 makes it about 36 KB (gzip about 80 KB) in about 6 ms,
 * on libuv's threads rather than the event loop; each encoding is made once per body, and the
 * server keeps the last bodies it wrote (`ForumService.viewBody`), so 5,000 loads of the same
 * view pay for it once. Other large pages and JSON answers are compressed on their way out
 * (`compressedResponse`, the outermost hook). The reverse proxy passes the encoding through
 * (docs/deployment.md).
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type ContentEncoding = 'br' | 'gzip';

/** Smaller bodies are sent as they are: compressing them saves less than it costs. */
export const COMPRESS_FROM_BYTES = 8 * 1024;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * The encoding to answer in, from the request's Accept-Encoding: Brotli when accepted, then gzip,
 * else none (RFC 9110: a coding with q=0 is refused; `*` stands for any coding not named).
 */
export function contentEncodingFor(acceptEncoding: string | null): ContentEncoding | null {
	if (!acceptEncoding) return null;
	const weights = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (!name) continue;
		const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v);
		weights.set(name.trim(), q === undefined ? 1 : Number(q));
	}
	const accepted = (coding: ContentEncoding) => (weights.get(coding) ?? weights.get('*') ?? 0) > 0;
	if (accepted('br')) return 'br';
	if (accepted('gzip')) return 'gzip';
	return null;
}

/** `text` compressed: Brotli at quality 5, gzip at level 4 (about 6 and 3 ms for 750 KB). */
export function compress(text: string | Buffer, encoding: ContentEncoding): Promise<Buffer> {
	return encoding === 'br'
		? brotli(text, {
				params: {
					[constants.BROTLI_PARAM_QUALITY]: 5,
					[constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text)
				}
			})
		: gzipped(text, { level: 4 });
}

/** A text sent as it is or compressed; each encoding is made once, when first asked for. */
export class EncodedBody {
	private readonly encoded = new Map<ContentEncoding, Promise<Buffer>>();

	constructor(readonly text: string) {}

	encode(encoding: ContentEncoding): Promise<Buffer> {
		let bytes = this.encoded.get(encoding);
		if (!bytes) {
			bytes = compress(this.text, encoding);
			this.encoded.set(encoding, bytes);
		}
		return bytes;
	}
}

/**
 * An answer of `size` bytes, `plain` or in the encoding the request accepts (made by `encode`),
 * saying which, and that it depends on Accept-Encoding. Bodies under COMPRESS_FROM_BYTES go plain.
 */
async function negotiated(
	request: Request,
	size: number,
	plain: BodyInit,
	encode: (encoding: ContentEncoding) => Promise<Buffer>,
	init: { status?: number; headers: Headers }
): Promise<Response> {
	init.headers.append('vary', 'Accept-Encoding');
	const encoding =
		size >= COMPRESS_FROM_BYTES ? contentEncodingFor(request.headers.get('accept-encoding')) : null;
	if (!encoding) return new Response(plain, init);
	const bytes = await encode(encoding);
	init.headers.set('content-encoding', encoding);
	init.headers.set('content-length', String(bytes.length));
	return new Response(new Uint8Array(bytes), init);
}

/** A JSON answer with `body`, compressed when the request accepts it and the body is large. */
export function jsonResponse(
	request: Request,
	body: EncodedBody,
	headers: Record<string, string> = {}
): Promise<Response> {
	return negotiated(request, body.text.length, body.text, (encoding) => body.encode(encoding), {
		headers: new Headers({ 'content-type': 'application/json', ...headers })
	});
}

/** The kinds of answer `compressedResponse` compresses: pages and JSON, never a stream. */
const COMPRESSIBLE = /^(text\/html|application\/json)\b/i;

/**
 * Any other large page or JSON answer, compressed on its way out when the request accepts it: a
 * page's HTML (the report's, with every opinion in it) and the data of a page reached by a link,
 * for the tablets on a hotel's Wi-Fi. An answer that has negotiated its encoding already (the
 * state route's, `jsonResponse`), not a 200 to a GET, or of another kind goes as it is; the body
 * is read whole only when it may be compressed.
 */
export async function compressedResponse(request: Request, response: Response): Promise<Response> {
	const { headers, status } = response;
	if (
		request.method !== 'GET' ||
		status !== 200 ||
		!response.body ||
		headers.has('content-encoding') ||
		/accept-encoding/i.test(headers.get('vary') ?? '') ||
		!COMPRESSIBLE.test(headers.get('content-type') ?? '')
	) {
		return response;
	}
	const init = { status, headers: new Headers(headers) };
	if (!contentEncodingFor(request.headers.get('accept-encoding'))) {
		// sent as it is, streamed as it came
		init.headers.append('vary', 'Accept-Encoding');
		return new Response(response.body, init);
	}
	const bytes = Buffer.from(await response.arrayBuffer());
	return negotiated(request, bytes.length, new Uint8Array(bytes), (e) => compress(bytes, e), init);
}
