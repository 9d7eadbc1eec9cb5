/** The double quote mark, by its character code (plainer to read than a quote inside quotes). */
export const QUOTE = String.fromCharCode(34);
const APOSTROPHE = String.fromCharCode(39);
/** First characters that make a spreadsheet run a cell as a formula. */
const FORMULA_STARTS = new Set(["=", "+", "-", "@", "\t", "\r"]);
/** Characters that make a cell need quoting. */
const NEEDS_QUOTING = [QUOTE, ",", "\r", "\n"];

/**
 * One CSV cell, as every download writes it: quoted when it holds a quote, comma or line break, and a value that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) prefixed with an apostrophe
 * (CSV injection).
 */
export function csvCell(value: string): string {
  const safe = FORMULA_STARTS.has(value.charAt(0)) ? APOSTROPHE + value : value;
  if (!NEEDS_QUOTING.some((c) => safe.includes(c))) return safe;
  return QUOTE + safe.replaceAll(QUOTE, QUOTE + QUOTE) + QUOTE;
}
