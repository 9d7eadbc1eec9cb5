import type { Metadata } from "next";
import { ApprenticeRecord } from "@/components/apprentices/apprentice-record";
import { getApprentice } from "@/lib/apprentices/service";
import { or404 } from "@/lib/entry/page";
import { requireArea } from "@/lib/session";

export const metadata: Metadata = { title: "Apprentice record" };

export default async function RecordPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const actor = await requireArea("assessor");
  const [{ id }, { done }] = await Promise.all([params, searchParams]);
  const detail = await or404(getApprentice(actor, id));
  return <ApprenticeRecord actor={actor} detail={detail} basePath="/assessor/apprentices" done={done} />;
}
