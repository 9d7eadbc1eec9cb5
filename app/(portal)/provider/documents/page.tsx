import type { Metadata } from "next";
import { DocumentsPage } from "@/components/assessment/documents-page";
import { requireArea } from "@/lib/session";

export const metadata: Metadata = { title: "Shared documents" };

export default async function Page() {
  return <DocumentsPage actor={await requireArea("provider")} />;
}
