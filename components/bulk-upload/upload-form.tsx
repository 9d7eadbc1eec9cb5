"use client";

import Papa from "papaparse";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { Button, ErrorSummary, FileField } from "@/components/ui";
import { ProgressBar } from "./progress-bar";

type Props = {
  /** The route handler that receives the file (multipart field `file`). */
  action: string;
  /** Where to go once the file is checked; the upload's id is appended. */
  resultPath: string;
  maxBytes: number;
  maxRows: number;
};

type Step = { step: "idle" } | { step: "uploading"; percent: number; rows: number } | { step: "checking"; rows: number };

const FIELD = "file";

/** Apprentice rows in the file (non-blank records after the header), for the "Checking N rows…" message. */
function countRows(text: string): number {
  const { data } = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  return Math.max(0, data.length - 1);
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/**
 * Picks a CSV file and sends it with XMLHttpRequest so the page can show real upload progress, then
 * "Checking N rows…" while the server checks every row, then opens the results.
 */
export function UploadForm({ action, resultPath, maxBytes, maxRows }: Props) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<Step>({ step: "idle" });
  const [error, setError] = useState<string | null>(null);
  const busy = state.step !== "idle";
  const megabytes = Math.round(maxBytes / (1024 * 1024));

  function fail(message: string) {
    setState({ step: "idle" });
    setError(message);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const file = input.current?.files?.[0];
    if (!file) return fail("Select a CSV file to upload");
    if (!/\.csv$/i.test(file.name)) return fail("The selected file must be a CSV file (.csv). In your spreadsheet, use Save as and choose CSV");
    if (file.size === 0) return fail("The selected file is empty");
    if (file.size > maxBytes) return fail(`The selected file must be smaller than ${megabytes} MB`);
    setError(null);
    const rows = countRows(await file.text());
    setState({ step: "uploading", percent: 0, rows });

    const body = new FormData();
    body.append(FIELD, file);
    const request = new XMLHttpRequest();
    request.open("POST", action);
    request.responseType = "json";
    request.upload.onprogress = (e) => {
      if (e.lengthComputable) setState((s) => (s.step === "checking" ? s : { step: "uploading", percent: (e.loaded / e.total) * 100, rows }));
    };
    request.upload.onload = () => setState({ step: "checking", rows });
    request.onload = () => {
      const response = request.response as { id?: string; message?: string } | null;
      if (request.status === 201 && response?.id) {
        setState({ step: "checking", rows });
        router.push(`${resultPath}/${response.id}`);
        return;
      }
      fail(response?.message ?? `The file could not be checked (error ${request.status}). Try again.`);
    };
    request.onerror = () => fail("The file could not be uploaded. Check your connection and try again.");
    request.send(body);
  }

  const status =
    state.step === "uploading" ? `Uploading… ${Math.round(state.percent)}%` : state.step === "checking" ? `Checking ${plural(state.rows, "row", "rows")}…` : "";
  // Screen readers hear each phase once; the percentage is on the progress bar.
  const announcement = state.step === "uploading" ? "Uploading the file…" : status;

  return (
    <form onSubmit={onSubmit} noValidate className="mb-10 max-w-2xl">
      <ErrorSummary errors={error ? [{ field: FIELD, message: error }] : []} />
      <FileField
        ref={input}
        id={FIELD}
        name={FIELD}
        label="Upload a file"
        labelClassName="mb-1 block text-xl font-bold text-govuk-black"
        hint={`A CSV file made from the template: up to ${plural(maxRows, "row", "rows")} and ${megabytes} MB.`}
        error={error ?? undefined}
        accept=".csv,text/csv"
        disabled={busy}
        onChange={() => setError(null)}
      />

      {busy ? (
        <div className="mb-6">
          <p className="mb-2 text-lg font-bold" aria-hidden="true">
            {status}
          </p>
          <ProgressBar label="Upload progress" value={state.step === "uploading" ? state.percent : null} />
        </div>
      ) : null}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>

      <Button type="submit" disabled={busy}>
        Upload and check file
      </Button>
    </form>
  );
}
