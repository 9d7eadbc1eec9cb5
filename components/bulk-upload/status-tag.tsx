import { Tag } from "@/components/ui";
import type { UploadStatus } from "@/lib/apprentices";

/** An upload's state: imported, discarded, or checked (ready, or with problems to fix). */
export function UploadStatusTag({ status, errorRows }: { status: UploadStatus; errorRows: number }) {
  if (status === "imported") return <Tag colour="green">Imported</Tag>;
  if (status === "discarded") return <Tag colour="grey">Discarded</Tag>;
  return errorRows > 0 ? <Tag colour="orange">Has problems</Tag> : <Tag colour="blue">Ready to import</Tag>;
}
