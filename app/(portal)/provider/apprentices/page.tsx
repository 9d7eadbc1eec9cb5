import type { Metadata } from "next";
import { ApprenticeListPage } from "@/components/apprentices/apprentice-list-page";
import { requireArea } from "@/lib/session";

export const metadata: Metadata = { title: "Apprentices" };

export default async function ApprenticesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("provider");
  return <ApprenticeListPage actor={actor} searchParams={await searchParams} basePath="/provider/apprentices" title="Apprentices" />;
}
