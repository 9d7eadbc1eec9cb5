import type { Metadata } from "next";
import { NotificationSettings } from "@/components/notifications/notification-settings";
import { requireArea } from "@/lib/session";

export const metadata: Metadata = { title: "Notifications" };

export default async function EpaoNotificationsPage() {
  const actor = await requireArea("epao");
  return <NotificationSettings actor={actor} />;
}
