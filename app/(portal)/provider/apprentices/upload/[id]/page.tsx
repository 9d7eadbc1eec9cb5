import type { Metadata } from "next";
import Link from "next/link";
import { or404 } from "@/lib/entry";
import { ProblemsTable } from "@/components/bulk-upload/problems-table";
import { UploadStatusTag } from "@/components/bulk-upload/status-tag";
import { UploadActions } from "@/components/bulk-upload/upload-actions";
import { NotificationBanner, PageHeading, StatCard, StatCardGroup, linkClass } from "@/components/ui";
import { getUpload } from "@/lib/apprentices";
import { requireArea } from "@/lib/session";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Bulk upload results" };

const BASE = "/provider/apprentices/upload";
const count = (n: number) => n.toLocaleString("en-GB");

export default async function UploadResultsPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireArea("provider");
  const { id } = await params;
  const upload = await or404(getUpload(actor, id));
  const notImported = upload.status === "imported" ? upload.totalRows - (upload.importedRows ?? 0) : 0;

  return (
    <>
      {upload.status === "imported" ? (
        <NotificationBanner type="success" title="Success">
          <p className="text-xl font-bold">
            {upload.importedRows === 1 ? "1 apprentice record imported" : `${count(upload.importedRows ?? 0)} apprentice records imported`}
          </p>
          {notImported > 0 ? (
            <p>
              {notImported === 1 ? "1 row with problems was" : `${count(notImported)} rows with problems were`} not imported. Fix{" "}
              {notImported === 1 ? "it" : "them"} and upload {notImported === 1 ? "it" : "them"} in a new file.
            </p>
          ) : null}
          <p>
            <Link href="/provider/apprentices">View your apprentices</Link>
          </p>
        </NotificationBanner>
      ) : null}
      {upload.status === "discarded" ? (
        <NotificationBanner title="Discarded">
          <p>This file was discarded. Nothing was imported from it.</p>
        </NotificationBanner>
      ) : null}

      <p className="mb-4">
        <Link className={linkClass} href={BASE}>
          Back to bulk upload
        </Link>
      </p>
      <PageHeading
        caption="Bulk upload"
        title={upload.filename}
        description={
          <div className="flex flex-wrap items-center gap-3">
            <UploadStatusTag status={upload.status} errorRows={upload.errorRows} />
            <span>
              Uploaded {formatDateTime(upload.createdAt)}
              {upload.uploadedBy ? ` by ${upload.uploadedBy}` : ""}
              {upload.importedAt ? `; imported ${formatDateTime(upload.importedAt)}` : ""}
            </span>
          </div>
        }
      />

      <StatCardGroup>
        <StatCard label="Rows in the file" value={count(upload.totalRows)} />
        <StatCard label="Valid rows" value={count(upload.validRows)} />
        <StatCard label="Rows with problems" value={count(upload.errorRows)} />
      </StatCardGroup>

      {upload.status === "validated" ? <UploadActions uploadId={upload.id} validRows={upload.validRows} errorRows={upload.errorRows} listPath={BASE} /> : null}

      {upload.errorCount > 0 ? <ProblemsTable errors={upload.errors} errorCount={upload.errorCount} reportHref={`${BASE}/${upload.id}/errors`} /> : null}
    </>
  );
}
