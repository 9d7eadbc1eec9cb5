import type { Metadata } from "next";
import { AssessmentView } from "@/components/assessment/assessment-view";
import { loadRecordOr404 } from "@/components/apprentices/load-record";
import { requireArea } from "@/lib/session";

export const metadata: Metadata = { title: "Assessment and grades" };

export default async function AssessmentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireArea("epao");
  const { id } = await params;
  const detail = await loadRecordOr404(actor, id);
  return <AssessmentView actor={actor} detail={detail} basePath="/epao/apprentices" />;
}
