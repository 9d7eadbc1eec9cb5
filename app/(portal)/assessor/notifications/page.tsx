import type { Metadata } from "next";
import { NotificationSettings } from "@/components/notifications/notification-settings";
import { requireArea } from "@/lib/session";

export const metadata: Metadata = { title: "Notifications" };

export default async function AssessorNotificationsPage() {
  const actor = await requireArea("assessor");
  return <NotificationSettings actor={actor} />;
}
