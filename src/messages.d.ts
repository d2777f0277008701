/** One language's messages for the browser (src/lib/messages.vite.ts). */
declare module 'virtual:plenary-messages/*' {
	/** one named export per message */
	const messages: Record<string, (inputs?: never) => string>;
	export = messages;
}
