"use client";

import { useRouter } from "next/navigation";
import { useAction } from "@/components/forms/use-action";
import { Button, ButtonGroup, ErrorSummary } from "@/components/ui";
import { discardUploadAction, importUploadAction } from "@/lib/apprentices/bulk-actions";
import { WarningText } from "./warning-text";

type Props = {
  uploadId: string;
  validRows: number;
  errorRows: number;
  /** Where to go after discarding (the upload list). */
  listPath: string;
};

const count = (n: number) => n.toLocaleString("en-GB");

/** Import all rows (no problems), import only the valid rows (some problems), or discard the upload. */
export function UploadActions({ uploadId, validRows, errorRows, listPath }: Props) {
  const router = useRouter();
  const { pending, failure, run, clear } = useAction();
  // Whatever happened, the page shows the upload as it now is; discarding it goes back to the list.
  const refresh = () => router.refresh();

  function importRows(mode: "all" | "valid-only") {
    clear();
    run(() => importUploadAction({ uploadId, mode }), { onFailure: refresh });
  }

  function discard() {
    clear();
    run(() => discardUploadAction({ uploadId }), {
      refresh: false,
      onSuccess: () => router.push(`${listPath}?discarded=${encodeURIComponent(uploadId)}`),
      onFailure: refresh,
    });
  }

  return (
    <section aria-labelledby="import-heading" className="mb-10">
      <ErrorSummary errors={failure ? [{ message: failure.message }] : []} />
      <h2 id="import-heading" className="mb-4 text-2xl font-bold">
        Import
      </h2>
      {errorRows === 0 ? (
        <p className="mb-6 max-w-3xl">
          Every row is valid. Importing creates {validRows === 1 ? "the record" : `all ${count(validRows)} records`} for your EPAOs to see.
        </p>
      ) : validRows > 0 ? (
        <WarningText className="max-w-3xl">
          {errorRows === 1 ? "1 row has problems and will not be imported" : `${count(errorRows)} rows have problems and will not be imported`} if you import
          only the valid rows. Fix
          {errorRows === 1 ? " it" : " them"} in your file and upload {errorRows === 1 ? "that row" : "those rows"} again later.
        </WarningText>
      ) : (
        <p className="mb-6 max-w-3xl">None of the rows can be imported. Fix the problems in your file and upload it again.</p>
      )}
      <ButtonGroup>
        {errorRows === 0 ? (
          <Button type="button" disabled={pending} onClick={() => importRows("all")}>
            {validRows === 1 ? "Import 1 record" : `Import all ${count(validRows)} records`}
          </Button>
        ) : null}
        {errorRows > 0 && validRows > 0 ? (
          <Button type="button" disabled={pending} onClick={() => importRows("valid-only")}>
            {validRows === 1 ? "Import the 1 valid row" : `Import the ${count(validRows)} valid rows`}
          </Button>
        ) : null}
        <Button type="button" variant="secondary" disabled={pending} onClick={discard}>
          Discard
        </Button>
      </ButtonGroup>
      <p aria-live="polite" className="mt-4 font-bold">
        {pending ? "Working… this can take a few seconds for a large file." : ""}
      </p>
    </section>
  );
}
