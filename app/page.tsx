import { redirect } from "next/navigation";
import { homeFor } from "@/lib/auth";
import { requireActor } from "@/lib/session";

export default async function Home() {
  const actor = await requireActor();
  redirect(homeFor(actor.role));
}
