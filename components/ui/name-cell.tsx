import type { ReactNode } from "react";

/** A table cell's name in bold with a smaller grey line under it (a code, an email address, guidance). */
export function NameCell({ name, detail }: { name: ReactNode; detail?: ReactNode }) {
  return (
    <>
      <span className="font-bold">{name}</span>
      {detail ? <span className="block text-sm font-normal text-govuk-secondary">{detail}</span> : null}
    </>
  );
}
