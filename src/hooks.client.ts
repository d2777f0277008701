import { loadMessages } from '$lib/client/messages';
import { getLocale } from '$lib/paraglide/runtime';

/** Before the page hydrates: the interface's words in the reader's language (English is built in). */
export const init = () => loadMessages(getLocale());
