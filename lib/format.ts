const dateTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
const dateOnly = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

export function formatDateTime(value: Date): string {
  return dateTime.format(value);
}

export function formatDate(value: Date | string): string {
  return dateOnly.format(typeof value === "string" ? new Date(`${value}T12:00:00Z`) : value);
}
