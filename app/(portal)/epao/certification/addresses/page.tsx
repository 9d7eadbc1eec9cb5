import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/ui";
import { PostalContactsManager } from "@/components/certification/postal-contacts";
import { addressValues } from "@/components/certification/address-values";
import { requireArea } from "@/lib/session";
import { employersWithoutContact, listPostalContacts } from "@/lib/certification";

export const metadata: Metadata = { title: "Certificate posting addresses" };

const linkClass = "text-brand-600 underline underline-offset-4 hover:text-govuk-dark-blue";

/** Where each employer's apprentices' certificates are posted, and the employers that still need an address. */
export default async function CertificateAddressesPage() {
  const actor = await requireArea("epao");
  const [contacts, without] = await Promise.all([listPostalContacts(actor), employersWithoutContact(actor)]);
  return (
    <>
      <PageHeading
        title="Certificate posting addresses"
        description="ESFA posts each certificate to the address sent with the claim. Keep one address per employer here; an apprentice can also have an address of their own, set on their record, which is used instead."
      />
      <PostalContactsManager
        contacts={contacts.map((c) => ({ id: c.id, version: c.version, employerName: c.employerName, records: c.records, ...addressValues(c) }))}
        withoutContact={without}
      />
      <p>
        <Link className={linkClass} href="/epao/certification/settings">
          Certification settings
        </Link>
      </p>
    </>
  );
}
