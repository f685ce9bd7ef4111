import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type messages from "@/messages/vi";

export type Namespace = keyof typeof messages;

/**
 * Hands client components only the message namespaces they use. Every message sent here is
 * serialised into the page's RSC payload, so the root layout sends `errors` alone and each
 * section adds its own; a nested provider replaces its parent's messages, it does not merge.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: Namespace[]; children: React.ReactNode }) {
  const all = (await getMessages()) as Record<string, unknown>;
  // Every form's error summary, saving state and leave warning speak from `forms`.
  const picked = Object.fromEntries([...new Set<Namespace>([...namespaces, "forms"])].map((n) => [n, all[n]]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
