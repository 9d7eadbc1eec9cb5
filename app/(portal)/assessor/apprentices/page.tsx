import type { Metadata } from "next";
import { ApprenticeListPage } from "@/components/apprentices/apprentice-list-page";
import { requireArea } from "@/lib/session";

export const metadata: Metadata = { title: "All my apprentices" };

/** Every record assigned to the assessor, with the search and filters of the apprentice list. */
export default async function AssessorApprentices({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("assessor");
  return (
    <ApprenticeListPage
      actor={actor}
      searchParams={await searchParams}
      basePath="/assessor/apprentices"
      recordPath="/assessor/apprentices"
      title="All my apprentices"
      description="Every apprentice assigned to you, with search and filters."
    />
  );
}
