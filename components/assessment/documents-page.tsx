import { EmptyState, PageHeading, Panel, Table } from "@/components/ui";
import { listSharedDocuments } from "@/lib/assessment";
import type { UserActor } from "@/lib/auth";
import { can } from "@/lib/auth";
import { formatBytes, formatDate } from "@/lib/format";
import { listEpaoStandards } from "@/lib/standards";
import { maxUploadBytes } from "@/lib/storage";
import { FileUploadForm } from "./file-upload-form";
import { RemoveDocumentButton } from "./gateway-forms";

const linkClass = "text-brand-600 underline underline-offset-4 hover:text-govuk-dark-blue";

/** Shared documents: EPAO users share and withdraw them; assessors and linked providers read them. */
export async function DocumentsPage({ actor }: { actor: UserActor }) {
  const isEpao = can(actor, "documents.share");
  const [documents, standards] = await Promise.all([listSharedDocuments(actor), isEpao ? listEpaoStandards(actor) : Promise.resolve([])]);
  const description = isEpao
    ? "Assessment plans, guidance and other documents you share per standard with your assessors and the training providers linked with you for that standard."
    : can(actor, "grades.record")
      ? "Documents your EPAO shares: assessment plans, guidance and mark schemes."
      : "Documents the EPAOs you work with share for your linked standards: assessment plans and guidance.";
  return (
    <>
      <PageHeading title="Shared documents" description={description} />
      {documents.length === 0 ? (
        <EmptyState title="No documents yet">{isEpao ? "Share a document below." : "Nothing has been shared with you yet."}</EmptyState>
      ) : (
        <Table
          caption="Documents"
          rows={documents}
          rowKey={(d) => d.id}
          columns={[
            {
              key: "title",
              header: "Document",
              rowHeader: true,
              cell: (d) => (
                <>
                  <a className={`${linkClass} font-bold`} href={`/files/documents/${d.id}`} target="_blank" rel="noopener">
                    {d.title}
                  </a>
                  <span className="block text-sm text-govuk-secondary">
                    {d.fileName}, {formatBytes(d.size)}
                  </span>
                  {d.description ? <span className="block">{d.description}</span> : null}
                </>
              ),
            },
            { key: "standard", header: "Standard", cell: (d) => `${d.standard.reference} ${d.standard.title}` },
            ...(isEpao ? [] : [{ key: "epao", header: "EPAO", cell: (d: (typeof documents)[number]) => d.epao }]),
            { key: "shared", header: "Shared", cell: (d) => `${formatDate(d.uploadedAt)}${d.uploadedBy ? ` by ${d.uploadedBy}` : ""}` },
            ...(isEpao
              ? [{ key: "actions", header: "Actions", cell: (d: (typeof documents)[number]) => <RemoveDocumentButton documentId={d.id} title={d.title} /> }]
              : []),
          ]}
        />
      )}
      {isEpao ? (
        <Panel title="Share a document">
          <FileUploadForm
            action="/files/documents"
            idPrefix="document"
            label="File"
            hint="One file."
            submitLabel="Share document"
            maxBytes={maxUploadBytes()}
            successMessage="The document has been shared."
          >
            <div className="mb-6">
              <label htmlFor="document-standardId" className="mb-1 block font-bold">
                Standard
              </label>
              <select
                id="document-standardId"
                name="standardId"
                defaultValue=""
                className="block min-h-10 w-full max-w-xl border-2 border-govuk-black bg-white px-2 py-1.5"
              >
                <option value="" disabled>
                  Choose the standard
                </option>
                {standards.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.reference} {s.title}
                  </option>
                ))}
              </select>
            </div>
            <div className="mb-6">
              <label htmlFor="document-title" className="mb-1 block font-bold">
                Title
              </label>
              <input id="document-title" name="title" className="block min-h-10 w-full max-w-xl border-2 border-govuk-black px-2 py-1.5" />
            </div>
            <div className="mb-6">
              <label htmlFor="document-description" className="mb-1 block font-bold">
                Description (optional)
              </label>
              <textarea id="document-description" name="description" rows={2} className="block w-full max-w-xl border-2 border-govuk-black p-2" />
            </div>
          </FileUploadForm>
        </Panel>
      ) : null}
    </>
  );
}
