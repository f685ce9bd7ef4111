import Link from "@/components/ui/link";
import { getTranslations } from "@/i18n/server";
import { buttonClass } from "@/components/ui/styles";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-3 text-slate-700">{t("body")}</p>
      <Link href="/" className={`${buttonClass.primary} mt-6`}>
        {t("home")}
      </Link>
    </main>
  );
}
