import { Tag, type TagColour } from "@/components/ui";
import type { LinkStatus } from "@/lib/domain";

const LINK_STATUS: Record<LinkStatus, { label: string; colour: TagColour }> = {
  requested: { label: "Pending", colour: "yellow" },
  active: { label: "Active", colour: "green" },
  declined: { label: "Declined", colour: "red" },
  ended: { label: "Ended", colour: "grey" },
};

export function LinkStatusTag({ status }: { status: LinkStatus }) {
  const { label, colour } = LINK_STATUS[status];
  return <Tag colour={colour}>{label}</Tag>;
}
