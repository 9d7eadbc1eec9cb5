import Link from "next/link";
import { linkClass } from "@/components/ui";

/** The apprentice's name linking to their record, with the ULN underneath. */
export function ApprenticeCell({ href, givenNames, familyName, uln }: { href: string; givenNames: string; familyName: string; uln: string }) {
  return (
    <>
      <Link className={linkClass} href={href}>
        {givenNames} {familyName}
      </Link>
      <span className="block text-sm font-normal text-govuk-secondary">ULN {uln}</span>
    </>
  );
}

export function StandardCell({ reference, title }: { reference: string; title: string }) {
  return (
    <>
      {reference}
      <span className="block text-sm text-govuk-secondary">{title}</span>
    </>
  );
}
