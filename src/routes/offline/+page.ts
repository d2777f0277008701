// Built once at build time and precached by the service worker: shown when a page cannot be
// loaded because the network is down.
export const prerender = true;
