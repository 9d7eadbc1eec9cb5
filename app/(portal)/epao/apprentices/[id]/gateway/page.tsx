import type { Metadata } from "next";
import { GatewayView } from "@/components/assessment/gateway-view";
import { recordPage } from "@/components/apprentices/record-page";

export const metadata: Metadata = { title: "Gateway and evidence" };

export default recordPage("epao", GatewayView);
