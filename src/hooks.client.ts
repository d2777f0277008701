import { loadMessages } from '$lib/client/messages';
import { getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';

// Every message (`m.…()`) asks Paraglide for the locale, which in the browser works it out again
// from the page's address each time: hundreds of times while a forum page hydrates. The locale
// depends on the address alone (the switcher reloads the page; nothing here calls `setLocale`), so
// it is worked out once per address.
const resolveLocale = getLocale;
let resolvedFor: string | undefined;
let locale: Locale;
overwriteGetLocale(() => {
	if (location.href !== resolvedFor) {
		locale = resolveLocale();
		resolvedFor = location.href;
	}
	return locale;
});

/** Before the page hydrates: the interface's words in the reader's language (English is built in). */
export const init = () => loadMessages(getLocale());
