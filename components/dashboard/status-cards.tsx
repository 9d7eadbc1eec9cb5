import { APPRENTICE_STATUSES, type ApprenticeStatus } from "@/lib/domain";
import { StatCard, StatCardGroup } from "@/components/ui";
import { STATUS_LABELS } from "@/lib/apprentices/schema";
import type { StatusCounts } from "@/lib/dashboard";
import { formatCount, listHref } from "./format";

/** One card per status plus "All records", each linking to the apprentice list filtered to it. */
export function StatusCards({ listPath, total, byStatus }: { listPath: string; total: number; byStatus: StatusCounts }) {
  return (
    <StatCardGroup className="grid-cols-2">
      <StatCard label="All records" value={formatCount(total)} href={listPath} />
      {APPRENTICE_STATUSES.map((status: ApprenticeStatus) => (
        <StatCard key={status} label={STATUS_LABELS[status]} value={formatCount(byStatus[status])} href={listHref(listPath, { status })} />
      ))}
    </StatCardGroup>
  );
}
