// Built once at build time and precached by the service worker: it is what a navigation gets
// when the network is down, whatever its address. The app cannot start there (its routes need
// the server), so the page is plain HTML with a small script that reads what the device kept.
export const prerender = true;
export const csr = false;
