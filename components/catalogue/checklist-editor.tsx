"use client";

import { ActionForm } from "@/components/forms/action-form";
import { ActionButton } from "@/components/forms/action-button";
import { StatusLine } from "@/components/forms/inline-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { CheckboxField, TextArea, TextField } from "@/components/ui";
import { removeChecklistItemAction, saveChecklistItemAction } from "@/lib/catalogue/checklist-actions";

type Item = { id: string; title: string; guidance: string | null; mandatory: boolean; files: number };

function ItemForm({ standardId, item, onDone }: { standardId: string; item?: Item; onDone?: () => void }) {
  const form = useActionForm({
    defaultValues: { title: item?.title ?? "", guidance: item?.guidance ?? "", mandatory: item?.mandatory ?? true },
    idPrefix: item ? `item-${item.id.slice(0, 8)}` : "new-item",
    action: (v) => saveChecklistItemAction({ standardId, id: item?.id, ...v }),
    resetOnSuccess: !item,
    onSuccess: () => onDone?.(),
  });
  return (
    <ActionForm form={form} aria-label={item ? `Edit ${item.title}` : "Add a checklist item"}>
      <StatusLine message={form.message} className="mb-3 font-bold text-govuk-dark-green" />
      <TextField label="Title" {...form.field("title")} />
      <TextArea label="Guidance for providers (optional)" rows={2} {...form.field("guidance")} />
      <CheckboxField label="Mandatory: the gateway cannot be submitted without it" {...form.field("mandatory")} />
      <SubmitButton variant="secondary" pending={form.pending} pendingText="Saving…">
        {item ? "Save item" : "Add item"}
      </SubmitButton>
    </ActionForm>
  );
}

function RemoveItem({ standardId, item }: { standardId: string; item: Item }) {
  const confirm = `Remove "${item.title}" from the gateway checklist?`;
  return (
    <ActionButton
      variant="warning"
      className="mb-0"
      confirm={confirm}
      action={() => removeChecklistItemAction({ standardId, id: item.id })}
      pendingText="Removing…"
    >
      Remove
    </ActionButton>
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
