/**
 * One CSV cell, as every download writes it: quoted when it holds a quote, comma or line break, and a value that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) prefixed with ' (CSV injection).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
