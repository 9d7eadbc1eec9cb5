import type { ComponentType } from "react";
import { redirect } from "next/navigation";
import type { UserActor } from "@/lib/auth";
import { getApprentice, type ApprenticeDetail } from "@/lib/apprentices";
import { allowedChanges } from "@/lib/apprentices/schema";
import { or404 } from "@/lib/entry";
import { requireArea } from "@/lib/session";

/** The areas whose people open apprentice records (each under `/<area>/apprentices/[id]`). */
export type RecordArea = "assessor" | "epao" | "provider";

type RecordPageProps = { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> };

/** A tab of the apprentice record (record, gateway, assessment): it gets the actor, the record and the area's list path. */
export type RecordView = ComponentType<{ actor: UserActor; detail: ApprenticeDetail; basePath: string; done?: string }>;

/**
 * The page of one tab of an apprentice record in an area: the area's actor, the record they may see (or the 404
 * page), then the view. Each route's page.tsx exports it as its default, next to its own metadata.
 */
export function recordPage(area: RecordArea, View: RecordView) {
  return async function RecordPage({ params, searchParams }: RecordPageProps) {
    const actor = await requireArea(area);
    const [{ id }, { done }] = await Promise.all([params, searchParams]);
    const detail = await or404(getApprentice(actor, id));
    return <View actor={actor} detail={detail} basePath={`/${area}/apprentices`} done={done} />;
  };
}

type Allowed = ReturnType<typeof allowedChanges>;

/**
 * For the provider's pages that change a record (edit, break, withdraw, change EPAO): the actor, the record and its
 * href, or a redirect back to the record when the change is not allowed now.
 */
export async function providerRecordChange(params: Promise<{ id: string }>, allows: (allowed: Allowed, detail: ApprenticeDetail) => boolean) {
  const actor = await requireArea("provider");
  const { id } = await params;
  const detail = await or404(getApprentice(actor, id));
  const href = `/provider/apprentices/${id}`;
  const allowed = allowedChanges(detail.record.status);
  if (!allows(allowed, detail)) redirect(href);
  return { actor, id, detail, record: detail.record, href, allowed };
}
