import type { Metadata } from "next";
import { UnitDashboard } from "@/components/dashboard/unit-dashboard";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).code };
}

export default async function UnitPage({ params, searchParams }: Props) {
  const [{ code }, query] = await Promise.all([params, searchParams]);
  return <UnitDashboard code={code} query={query} />;
}
