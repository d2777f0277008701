// The server modules bench/micro.mjs bundles and drives directly.
export { openDatabase } from '$lib/server/db';
export { ForumService } from '$lib/server/forum.service';
