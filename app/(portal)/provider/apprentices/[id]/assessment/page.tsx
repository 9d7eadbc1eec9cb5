import type { Metadata } from "next";
import { AssessmentView } from "@/components/assessment/assessment-view";
import { getApprentice } from "@/lib/apprentices/service";
import { or404 } from "@/lib/entry/page";
import { requireArea } from "@/lib/session";

export const metadata: Metadata = { title: "Assessment and grades" };

export default async function AssessmentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireArea("provider");
  const { id } = await params;
  const detail = await or404(getApprentice(actor, id));
  return <AssessmentView actor={actor} detail={detail} basePath="/provider/apprentices" />;
}
