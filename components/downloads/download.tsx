import { cache } from "react";
import { getTranslations } from "@/i18n/server";
import { DownloadLink, LinkArea } from "./download-link";

/**
 * The refusal messages, one object per request: a page with many downloads (a dashboard has 16)
 * hands the same object to each link, and the page's payload carries it once.
 */
const refusals = cache(async () => {
  const t = await getTranslations("downloads.refused");
  return {
    preparing: t("preparing"),
    limit: t("limit", { minutes: "{minutes}" }),
    badRequest: t("badRequest"),
    signedOut: t("signedOut"),
    notFound: t("notFound"),
    failed: t("failed"),
    cutOff: t("cutOff"),
    close: t("close"),
  };
});

/** A download of an export or a document, with its refusals said on the page (see DownloadLink). */
export async function Download({ href, className, ariaLabel, children }: { href: string; className?: string; ariaLabel?: string; children: React.ReactNode }) {
  return (
    <DownloadLink href={href} className={className} ariaLabel={ariaLabel} messages={await refusals()}>
      {children}
    </DownloadLink>
  );
}

/** A part of a page whose plain links download and navigate as the app's own (see LinkArea). */
export async function PageLinks({ className, children }: { className?: string; children: React.ReactNode }) {
  return (
    <LinkArea className={className} messages={await refusals()}>
      {children}
    </LinkArea>
  );
}
