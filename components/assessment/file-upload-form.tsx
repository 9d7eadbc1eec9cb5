"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button, ErrorSummary, FileField } from "@/components/ui";
import { ProgressBar } from "@/components/bulk-upload/progress-bar";

type Props = {
  /** The route handler that takes the multipart form (field `file`, plus the form's other fields). */
  action: string;
  /** Prefix for control ids, so several upload forms can share a page. */
  idPrefix: string;
  label: string;
  hint: ReactNode;
  submitLabel: string;
  multiple?: boolean;
  maxBytes: number;
  /** Other fields sent with the files (inputs named as the route handler expects). */
  children?: ReactNode;
  successMessage: string;
};

const ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.pptx,.odt,.ods,.jpg,.jpeg,.png";

/**
 * Uploads files to a route handler with real progress, shows every problem the server found next to the file input
 * (or the field it is about) and refreshes the page once the files are stored. The server checks each file's type
 * from its content; the browser only pre-checks sizes and emptiness for a quick answer.
 */
export function FileUploadForm({ action, idPrefix, label, hint, submitLabel, multiple = false, maxBytes, children, successMessage }: Props) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const fileId = `${idPrefix}-file`;
  const megabytes = Math.round(maxBytes / (1024 * 1024));
  const busy = percent !== null;

  function fail(fieldErrors: Record<string, string>) {
    setPercent(null);
    setErrors(fieldErrors);
    setDone(null);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !form.current) return;
    const body = new FormData(form.current);
    const files = body.getAll("file").filter((f): f is File => f instanceof File && f.name !== "");
    if (files.length === 0) return fail({ file: "Select a file to upload" });
    const empty = files.find((f) => f.size === 0);
    if (empty) return fail({ file: files.length === 1 ? "The selected file is empty" : `${empty.name}: The selected file is empty` });
    const big = files.find((f) => f.size > maxBytes);
    if (big) return fail({ file: `${files.length === 1 ? "" : `${big.name}: `}The selected file must be smaller than ${megabytes} MB` });
    setErrors({});
    setDone(null);
    setPercent(0);
    const request = new XMLHttpRequest();
    request.open("POST", action);
    request.responseType = "json";
    request.upload.onprogress = (e) => {
      if (e.lengthComputable) setPercent((e.loaded / e.total) * 100);
    };
    request.onload = () => {
      const response = request.response as { message?: string; fieldErrors?: Record<string, string> } | null;
      if (request.status === 201) {
        setPercent(null);
        setDone(successMessage);
        form.current?.reset();
        router.refresh();
        return;
      }
      const fieldErrors =
        response?.fieldErrors && Object.keys(response.fieldErrors).length > 0
          ? response.fieldErrors
          : { file: response?.message ?? `The upload failed (error ${request.status}). Try again.` };
      fail(fieldErrors);
    };
    request.onerror = () => fail({ file: "The file could not be uploaded. Check your connection and try again." });
    request.send(body);
  }

  const fileError = errors.file;
  const summary = Object.entries(errors).map(([field, message]) => ({ field: field === "file" ? fileId : `${idPrefix}-${field}`, message }));

  return (
    <form ref={form} onSubmit={onSubmit} noValidate encType="multipart/form-data">
      <ErrorSummary errors={summary} />
      {done ? (
        <p role="status" className="mb-4 border-l-4 border-govuk-green bg-govuk-light-green p-3 font-bold text-govuk-dark-green">
          {done}
        </p>
      ) : null}
      {children}
      <FileField
        id={fileId}
        name="file"
        label={label}
        hint={
          <>
            {hint} PDF, Word, Excel, PowerPoint, OpenDocument, JPG or PNG, up to {megabytes} MB{multiple ? " each" : ""}.
          </>
        }
        error={fileError}
        multiple={multiple}
        accept={ACCEPT}
        disabled={busy}
        onChange={() => setErrors({})}
      />
      {busy ? (
        <div className="mb-4">
          <ProgressBar label="Upload progress" value={percent} />
        </div>
      ) : null}
      <Button type="submit" variant="secondary" disabled={busy}>
        {busy ? "Uploading…" : submitLabel}
      </Button>
    </form>
  );
}
