/**
 * The page baseline's script (bundled by bench/run.mjs, served by bench/baseline-server.mjs): the
 * least a page can do to become "usable" as the benchmark's probe understands it. Its HTML is
 * already there; it loads the same Socket.IO client as the product, connects as the product does
 * (WebSocket only), asks for a `sync`, and sets the badge to "Live". No framework, no state.
 */
import { io } from 'socket.io-client';

const badge = document.querySelector('[data-testid="connection"]');
const socket = io({ transports: ['websocket'], withCredentials: true });
socket.on('connect', async () => {
	await socket.emitWithAck('sync', { forum: 'wtpf-26', after: 0 });
	badge.textContent = 'Live';
});
