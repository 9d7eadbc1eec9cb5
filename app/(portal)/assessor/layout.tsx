import type { ReactNode } from "react";
import { requireArea } from "@/lib/session";

export default async function AreaLayout({ children }: { children: ReactNode }) {
  await requireArea("assessor");
  return children;
}
