const numberFormat = new Intl.NumberFormat("en-GB");

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** "today", "tomorrow", "in 12 days", "yesterday", "3 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${formatCount(days)} days` : `${formatCount(-days)} days ago`;
}

/** A list URL with the given filters, e.g. listHref("/epao/apprentices", { status: "gateway" }). */
export function listHref(base: string, filters: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])));
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

/** The list of records in training whose planned end date falls in the window, soonest first. */
export function endingWithinHref(base: string, window: { from: string; to: string }): string {
  return listHref(base, { status: "in_training", endFrom: window.from, endTo: window.to, sort: "plannedEndDate" });
}
