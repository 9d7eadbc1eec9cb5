import type { Metadata } from "next";
import { GatewayView } from "@/components/assessment/gateway-view";
import { getApprentice } from "@/lib/apprentices/service";
import { or404 } from "@/lib/entry/page";
import { requireArea } from "@/lib/session";

export const metadata: Metadata = { title: "Gateway and evidence" };

export default async function GatewayPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireArea("provider");
  const { id } = await params;
  const detail = await or404(getApprentice(actor, id));
  return <GatewayView actor={actor} detail={detail} basePath="/provider/apprentices" />;
}
