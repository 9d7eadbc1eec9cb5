"use client";

import { useState } from "react";
import { Button, CheckboxField, ErrorSummary, TextArea, TextField } from "@/components/ui";
import { summaryOf, useAction } from "@/components/assessment/use-action";
import { removeChecklistItemAction, saveChecklistItemAction } from "@/lib/catalogue/checklist-actions";

type Item = { id: string; title: string; guidance: string | null; mandatory: boolean; files: number };

function ItemForm({ standardId, item, onDone }: { standardId: string; item?: Item; onDone?: () => void }) {
  const { pending, errors, message, run } = useAction();
  const prefix = item ? `item-${item.id.slice(0, 8)}` : "new-item";
  const [values, setValues] = useState({ title: item?.title ?? "", guidance: item?.guidance ?? "", mandatory: item?.mandatory ?? true });
  return (
    <form
      noValidate
      aria-label={item ? `Edit ${item.title}` : "Add a checklist item"}
      onSubmit={(e) => {
        e.preventDefault();
        run(
          () => saveChecklistItemAction({ standardId, id: item?.id, ...values }),
          () => {
            if (!item) setValues({ title: "", guidance: "", mandatory: true });
            onDone?.();
          },
        );
      }}
    >
      <ErrorSummary errors={summaryOf(errors, prefix)} />
      {message ? (
        <p role="status" className="mb-3 font-bold text-govuk-dark-green">
          {message}
        </p>
      ) : null}
      <TextField
        id={`${prefix}-title`}
        label="Title"
        error={errors.title}
        value={values.title}
        onChange={(e) => setValues({ ...values, title: e.currentTarget.value })}
      />
      <TextArea
        id={`${prefix}-guidance`}
        label="Guidance for providers (optional)"
        rows={2}
        error={errors.guidance}
        value={values.guidance}
        onChange={(e) => setValues({ ...values, guidance: e.currentTarget.value })}
      />
      <CheckboxField
        id={`${prefix}-mandatory`}
        label="Mandatory: the gateway cannot be submitted without it"
        checked={values.mandatory}
        onChange={(e) => setValues({ ...values, mandatory: e.currentTarget.checked })}
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : item ? "Save item" : "Add item"}
      </Button>
    </form>
  );
}

function RemoveItem({ standardId, item }: { standardId: string; item: Item }) {
  const { pending, errors, run } = useAction();
  return (
    <>
      <Button
        type="button"
        variant="warning"
        className="mb-0"
        disabled={pending}
        onClick={() => {
          if (window.confirm(`Remove "${item.title}" from the gateway checklist?`)) run(() => removeChecklistItemAction({ standardId, id: item.id }));
        }}
      >
        {pending ? "Removing…" : "Remove"}
      </Button>
      {errors.form ? (
        <p role="alert" className="mt-1 font-bold text-govuk-red">
          {errors.form}
        </p>
      ) : null}
    </>
  );
}

/** The standard's gateway checklist: edit each item, remove unused ones, add new ones. */
export function ChecklistEditor({ standardId, items }: { standardId: string; items: Item[] }) {
  return (
    <div className="flex flex-col gap-6">
      <ol className="flex flex-col gap-4">
        {items.map((item) => (
          <li key={item.id} className="border border-govuk-border bg-white p-4">
            <ItemForm standardId={standardId} item={item} />
            <p className="mb-2 text-sm text-govuk-secondary">
              {item.files === 0
                ? "No evidence uploaded for this item yet."
                : `${item.files} ${item.files === 1 ? "file" : "files"} uploaded: it can be made optional but not removed.`}
            </p>
            {item.files === 0 ? <RemoveItem standardId={standardId} item={item} /> : null}
          </li>
        ))}
      </ol>
      <section aria-labelledby="new-item-heading" className="border border-govuk-border bg-white p-4">
        <h3 id="new-item-heading" className="mb-3 text-lg font-bold">
          Add an item
        </h3>
        <ItemForm standardId={standardId} />
      </section>
    </div>
  );
}
