import type { Metadata } from "next";
import { ApprenticeListPage } from "@/components/apprentices/apprentice-list-page";
import { requireArea } from "@/lib/auth/session";

export const metadata: Metadata = { title: "My worklist" };

export default async function AssessorHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("assessor");
  return (
    <ApprenticeListPage
      actor={actor}
      searchParams={await searchParams}
      basePath="/assessor"
      recordPath="/assessor/apprentices"
      title="My worklist"
      description="Apprentices assigned to you for end-point assessment."
    />
  );
}
