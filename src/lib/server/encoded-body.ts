/**
 * Large JSON answers compressed for the wire. The forum page's snapshot is about 750 KB of JSON
 * for a forum of 5,000 participants, fetched by every tablet that opens the page: uncompressed,
 * 3.7 GB over the venue's Wi-Fi when 5,000 delegates open it, and more than a second of a hotel's
 * connection for each. Brotli at quality 5 makes it about 36 KB (gzip about 80 KB) in about 6 ms,
 * on libuv's threads rather than the event loop; each encoding is made once per body, and the
 * server keeps the last bodies it wrote (`ForumService.viewBody`), so 5,000 loads of the same
 * view pay for it once. The reverse proxy passes the encoding through (docs/deployment.md).
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

/** A text sent as it is or compressed; each encoding is made once, when first asked for. */
export class EncodedBody {
	private readonly encoded = new Map<ContentEncoding, Promise<Buffer>>();

	constructor(readonly text: string) {}

	encode(encoding: ContentEncoding): Promise<Buffer> {
		let bytes = this.encoded.get(encoding);
		if (!bytes) {
			bytes =
				encoding === 'br'
					? brotli(this.text, {
							params: {
								[constants.BROTLI_PARAM_QUALITY]: 5,
								[constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(this.text)
							}
						})
					: gzipped(this.text, { level: 4 });
			this.encoded.set(encoding, bytes);
		}
		return bytes;
	}
}

/** A JSON answer with `body`, compressed when the request accepts it and the body is large. */
export async function jsonResponse(
	request: Request,
	body: EncodedBody,
	headers: Record<string, string> = {}
): Promise<Response> {
	const common = { 'content-type': 'application/json', vary: 'Accept-Encoding', ...headers };
	const encoding =
		body.text.length >= COMPRESS_FROM_BYTES
			? contentEncodingFor(request.headers.get('accept-encoding'))
			: null;
	if (!encoding) return new Response(body.text, { headers: common });
	const bytes = await body.encode(encoding);
	return new Response(new Uint8Array(bytes), {
		headers: { ...common, 'content-encoding': encoding, 'content-length': String(bytes.length) }
	});
}
