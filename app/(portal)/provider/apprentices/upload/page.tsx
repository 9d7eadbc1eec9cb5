import type { Metadata } from "next";
import Link from "next/link";
import { ColumnGuide } from "@/components/bulk-upload/column-guide";
import { UploadForm } from "@/components/bulk-upload/upload-form";
import { UploadList } from "@/components/bulk-upload/upload-list";
import { NotificationBanner, PageHeading, Panel, linkClass } from "@/components/ui";
import { listUploads, MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS } from "@/lib/apprentices";
import { requireArea } from "@/lib/session";
import { linkedEpaosForProvider } from "@/lib/links";

export const metadata: Metadata = { title: "Bulk upload" };

const BASE = "/provider/apprentices/upload";

export default async function BulkUploadPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("provider");
  const [uploads, links, params] = await Promise.all([listUploads(actor), linkedEpaosForProvider(actor), searchParams]);
  const discarded = typeof params.discarded === "string" ? uploads.find((u) => u.id === params.discarded && u.status === "discarded") : undefined;

  return (
    <>
      {discarded ? (
        <NotificationBanner type="success" title="Success">
          <p>{discarded.filename} was discarded. Nothing was imported.</p>
        </NotificationBanner>
      ) : null}
      <p className="mb-4">
        <Link className={linkClass} href="/provider/apprentices">
          Back to apprentices
        </Link>
      </p>
      <PageHeading
        caption={actor.organisationName}
        title="Bulk upload"
        description={`Create up to ${MAX_UPLOAD_ROWS.toLocaleString("en-GB")} apprentice records at once from a CSV file. Every row is checked before anything is imported.`}
      />

      <div className="max-w-3xl">
        <h2 className="mb-4 text-2xl font-bold">How it works</h2>
        <ol className="mb-8 list-decimal space-y-2 pl-6">
          <li>
            <a className={linkClass} href={`${BASE}/template`} download>
              Download the CSV template
            </a>{" "}
            and fill in one row for each apprentice. Keep the header row and its column names.
          </li>
          <li>Save the file as CSV (comma delimited) and upload it below.</li>
          <li>We check every row and list any problems by line and column. Nothing is imported yet.</li>
          <li>Import all the rows, import only the valid ones, or fix the problems and upload the file again.</li>
        </ol>
      </div>

      <Panel title="Your EPAO links" className="max-w-3xl">
        {links.length === 0 ? (
          <p>
            You have no active links with EPAOs yet, so no row can be imported.{" "}
            <Link className={linkClass} href="/provider/epaos">
              Request a link with an EPAO
            </Link>{" "}
            first.
          </p>
        ) : (
          <>
            <p className="mb-3">Use these EPAO IDs and standards in the EPAO ID and Standard columns.</p>
            <ul className="space-y-2">
              {links.map((l) => (
                <li key={l.epaoId}>
                  <span className="font-bold">
                    {l.code} {l.name}
                  </span>
                  : {l.standards.map((s) => s.reference).join(", ")}
                </li>
              ))}
            </ul>
          </>
        )}
      </Panel>

      <UploadForm action={`${BASE}/validate`} resultPath={BASE} maxBytes={MAX_UPLOAD_BYTES} maxRows={MAX_UPLOAD_ROWS} />

      <details className="mb-10 max-w-4xl">
        <summary className="mb-4 cursor-pointer text-lg font-bold text-brand-600 underline">What to put in each column</summary>
        <ColumnGuide />
      </details>

      <UploadList uploads={uploads} />
    </>
  );
}
