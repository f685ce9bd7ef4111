import { getTranslations } from "next-intl/server";
import { DownloadLink } from "./download-link";

/** A download of an export or a document, with its refusals said on the page (see DownloadLink). */
export async function Download({ href, className, ariaLabel, children }: { href: string; className?: string; ariaLabel?: string; children: React.ReactNode }) {
  const t = await getTranslations("downloads.refused");
  const messages = {
    preparing: t("preparing"),
    limit: t("limit", { minutes: "{minutes}" }),
    badRequest: t("badRequest"),
    signedOut: t("signedOut"),
    notFound: t("notFound"),
    failed: t("failed"),
    cutOff: t("cutOff"),
    close: t("close"),
  };
  return (
    <DownloadLink href={href} className={className} ariaLabel={ariaLabel} messages={messages}>
      {children}
    </DownloadLink>
  );
}
