import Link from "next/link";
import { EmptyState, Table, linkClass } from "@/components/ui";
import type { UploadSummary } from "@/lib/apprentices";
import { formatDateTime } from "@/lib/format";
import { UploadStatusTag } from "./status-tag";

const number = (n: number) => n.toLocaleString("en-GB");

/** The provider's recent uploads, each linking to its results. */
export function UploadList({ uploads }: { uploads: UploadSummary[] }) {
  return (
    <Table
      caption="Recent uploads"
      rows={uploads}
      rowKey={(u) => u.id}
      empty={
        <EmptyState title="No uploads yet" headingLevel={false}>
          Files you upload appear here with their results.
        </EmptyState>
      }
      columns={[
        {
          key: "file",
          header: "File",
          rowHeader: true,
          cell: (u) => (
            <>
              <Link className={linkClass} href={`/provider/apprentices/upload/${u.id}`}>
                {u.filename}
              </Link>
              <span className="block text-sm font-normal text-govuk-secondary">
                {formatDateTime(u.createdAt)}
                {u.uploadedBy ? ` by ${u.uploadedBy}` : ""}
              </span>
            </>
          ),
        },
        { key: "rows", header: "Rows", numeric: true, cell: (u) => number(u.totalRows) },
        { key: "valid", header: "Valid", numeric: true, cell: (u) => number(u.validRows) },
        { key: "problems", header: "With problems", numeric: true, cell: (u) => number(u.errorRows) },
        { key: "imported", header: "Imported", numeric: true, cell: (u) => (u.importedRows === null ? "–" : number(u.importedRows)) },
        { key: "status", header: "Status", cell: (u) => <UploadStatusTag status={u.status} errorRows={u.errorRows} /> },
      ]}
    />
  );
}
