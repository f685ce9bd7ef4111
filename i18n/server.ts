import "server-only";
import { cache } from "react";
import { _createCache, _createIntlFormatters, createTranslator } from "next-intl";
import { getLocale, getMessages, getTimeZone } from "next-intl/server";

export { getLocale };

/**
 * Per locale, the compiled messages and Intl formatters that every request shares. next-intl
 * builds them afresh for each request, so a dashboard compiled each of its thirty-odd messages
 * with arguments (and built their number formats) on every view; the messages and the time zone
 * never change while the server runs.
 */
const compiled = new Map<string, { cache: ReturnType<typeof _createCache>; formatters: ReturnType<typeof _createIntlFormatters> }>();

function compiledFor(locale: string) {
  let entry = compiled.get(locale);
  if (!entry) {
    const store = _createCache();
    entry = { cache: store, formatters: _createIntlFormatters(store) };
    compiled.set(locale, entry);
  }
  return entry;
}

const translator = cache(async (namespace?: string) => {
  const [locale, messages, timeZone] = await Promise.all([getLocale(), getMessages(), getTimeZone()]);
  const { cache: store, formatters } = compiledFor(locale);
  return createTranslator({ locale, messages, timeZone, namespace: namespace as never, _cache: store, _formatters: formatters });
});

/** next-intl's `getTranslations` (same calls, same messages), with compiled messages kept across requests. */
export const getTranslations = translator as unknown as typeof import("next-intl/server").getTranslations;
