"use client";

import { useRef, useState } from "react";
import { ActionForm } from "@/components/forms/action-form";
import { ActionButton } from "@/components/forms/action-button";
import { StatusLine } from "@/components/forms/inline-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button, ButtonGroup, EmptyState, Table, TextField } from "@/components/ui";
import { deletePostalContactAction, savePostalContactAction } from "@/lib/certification/settings-actions";
import { AddressFields } from "./address-fields";
import { addressValues, EMPTY_ADDRESS, type AddressValues } from "./address-values";

export type PostalContactView = AddressValues & { id: string; version: number; employerName: string; records: number };
export type EmployerWithoutContact = { employerName: string; records: number };

type Editing = { id?: string; version?: number; employerName: string; address: AddressValues };

const joinAddress = (c: AddressValues) => [c.department, c.organisation, c.addressLine1, c.addressLine2, c.addressLine3, c.city].filter(Boolean).join(", ");

function ContactForm({ editing, onSaved, onCancel }: { editing: Editing; onSaved: (message: string) => void; onCancel: () => void }) {
  const changing = editing.id !== undefined;
  const form = useActionForm({
    defaultValues: { employerName: editing.employerName, ...editing.address },
    idPrefix: "contact",
    action: (v) => savePostalContactAction({ id: editing.id, version: editing.version, ...v }),
    onSuccess: (_, v) => onSaved(`The address for ${v.employerName.trim()} has been saved.`),
  });
  return (
    <ActionForm form={form} aria-label={changing ? `Change the address for ${editing.employerName}` : "Add an address"}>
      <TextField label="Employer" hint="As it is written on the apprentices' records (capitals do not matter)" width="20" {...form.field("employerName")} />
      <AddressFields field={form.field} />
      <ButtonGroup>
        <SubmitButton pending={form.pending} pendingText="Saving…">
          {changing ? "Save changes" : "Save address"}
        </SubmitButton>
        <Button type="button" variant="link" onClick={onCancel}>
          Cancel
        </Button>
      </ButtonGroup>
    </ActionForm>
  );
}

/** The remove button's texts: "Removing…" while it runs, and which address it is about for screen readers. */
const removing = (name: string) => ({
  pendingText: "Removing…",
  hiddenContext: `the address for ${name}`,
  problem: { className: "mb-4 font-bold text-govuk-red" },
});

function RemoveContactButton({ contact, onRemoved }: { contact: PostalContactView; onRemoved: (message: string) => void }) {
  const name = contact.employerName;
  const onSuccess = () => onRemoved(`The address for ${name} has been removed.`);
  return (
    <ActionButton
      variant="link"
      confirm={`Remove the certificate address for ${name}?`}
      action={() => deletePostalContactAction({ id: contact.id })}
      onSuccess={onSuccess}
      {...removing(name)}
    >
      Remove
    </ActionButton>
  );
}

/** The EPAO's employer addresses, the form to add or change one, and the employers still without one. */
export function PostalContactsManager({ contacts, withoutContact }: { contacts: PostalContactView[]; withoutContact: EmployerWithoutContact[] }) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);

  const open = (next: Editing) => {
    setEditing(next);
    setFormKey((k) => k + 1);
    setMessage(null);
    // After the form renders: bring it into view and put the cursor in the first field to fill in.
    setTimeout(() => {
      formRef.current?.scrollIntoView({ block: "start" });
      const first = next.employerName ? "contact-contactName" : "contact-employerName";
      document.getElementById(first)?.focus();
    }, 0);
  };
  const done = (text: string) => {
    setEditing(null);
    setMessage(text);
  };

  return (
    <>
      <StatusLine message={message} />
      {contacts.length === 0 ? (
        <EmptyState className="mb-8" title="No addresses yet">
          Add the address each employer wants its apprentices&apos; certificates posted to.
        </EmptyState>
      ) : (
        <Table
          caption="Addresses by employer"
          rows={contacts}
          rowKey={(c) => c.id}
          columns={[
            { key: "employer", header: "Employer", rowHeader: true, cell: (c) => c.employerName },
            {
              key: "address",
              header: "Certificate posted to",
              cell: (c) => (
                <>
                  <span className="block font-bold">{c.contactName}</span>
                  <span className="block">{joinAddress(c)}</span>
                  <span className="block">{c.postcode}</span>
                </>
              ),
            },
            { key: "records", header: "Apprentices", numeric: true, cell: (c) => c.records },
            {
              key: "actions",
              header: <span className="sr-only">Actions</span>,
              cell: (c) => (
                <ButtonGroup className="gap-3">
                  <Button
                    type="button"
                    variant="link"
                    onClick={() => open({ id: c.id, version: c.version, employerName: c.employerName, address: addressValues(c) })}
                  >
                    Change<span className="sr-only"> the address for {c.employerName}</span>
                  </Button>
                  <RemoveContactButton contact={c} onRemoved={done} />
                </ButtonGroup>
              ),
            },
          ]}
        />
      )}

      <div ref={formRef} className="mb-8 scroll-mt-4">
        {editing ? <h2 className="mb-3 text-2xl font-bold">{editing.id ? `Change the address for ${editing.employerName}` : "Add an address"}</h2> : null}
        {editing ? (
          <ContactForm key={formKey} editing={editing} onSaved={done} onCancel={() => setEditing(null)} />
        ) : (
          <Button type="button" variant="secondary" onClick={() => open({ employerName: "", address: EMPTY_ADDRESS })}>
            Add an address
          </Button>
        )}
      </div>

      <h2 id="without" className="mb-3 text-2xl font-bold">
        Employers without an address
      </h2>
      <p className="mb-4 text-govuk-secondary">
        Employers of your apprentices in end-point assessment or graded whose certificates have no address yet (apprentices with an address of their own are not
        counted).
      </p>
      {withoutContact.length === 0 ? (
        <p className="mb-8">Every employer of an apprentice in end-point assessment or graded has an address.</p>
      ) : (
        <ul className="mb-8 divide-y divide-govuk-border border-y border-govuk-border">
          {withoutContact.map((e) => (
            <li key={e.employerName.toLowerCase()} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <span>
                <span className="font-bold">{e.employerName}</span>{" "}
                <span className="text-govuk-secondary">
                  ({e.records} {e.records === 1 ? "apprentice" : "apprentices"})
                </span>
              </span>
              <Button
                type="button"
                variant="secondary"
                className="px-3 py-1 text-sm"
                onClick={() => open({ employerName: e.employerName, address: { ...EMPTY_ADDRESS, organisation: e.employerName } })}
              >
                Add address<span className="sr-only"> for {e.employerName}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
