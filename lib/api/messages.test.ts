import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DECLARATION_MESSAGES, MESSAGES, message } from "./messages";

// Rails tolerates the duplicate keys in this file (the last wins); so does this parse.
const en = (
  parse(fs.readFileSync(path.join(import.meta.dirname, "../../tests/fixtures/dfe/npq-en.yml"), "utf8"), { uniqueKeys: false, merge: true }) as {
    en: Record<string, unknown>;
  }
).en;

function lookup(key: string): unknown {
  const top = en[key];
  if (top !== undefined) return top;
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en);
}

describe("DfE API messages", () => {
  for (const [key, text] of Object.entries(MESSAGES)) {
    it(`${key} is DfE's own wording`, () => {
      expect(lookup(key)).toBe(text);
    });
  }

  it("quotes the nested NPQ declaration strings as the locale file writes them", () => {
    const locale = fs.readFileSync(path.join(import.meta.dirname, "../../tests/fixtures/dfe/npq-en.yml"), "utf8");
    for (const [key, text] of Object.entries(DECLARATION_MESSAGES)) {
      if (key === "declaration_after_schedule_end") continue; // newer than our copy of the file (see messages.ts)
      expect(locale, key).toContain(text);
    }
  });

  it("fills placeholders", () => {
    expect(message("declaration_date.future_declaration_date", { parameterized_attribute: "declaration_date" })).toBe(
      "The '#/declaration_date' value cannot be a future date. Check the date and try again.",
    );
  });
});
