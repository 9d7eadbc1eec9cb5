import { describe, expect, it } from "vitest";
import { csvCell, QUOTE } from "./csv";

describe("csvCell: the one CSV cell writer", () => {
  it("neutralises a value a spreadsheet would run as a formula with a leading apostrophe", () => {
    expect(csvCell("=1+2")).toBe("'=1+2");
    expect(csvCell("+44 1234")).toBe("'+44 1234");
    expect(csvCell("-5")).toBe("'-5");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    // A carriage return also needs quoting: neutralised, then quoted.
    expect(csvCell("\rx")).toBe(`${QUOTE}'\rx${QUOTE}`);
    expect(csvCell(`=HYPERLINK("https://evil.example","Click")`)).toBe(`"'=HYPERLINK(""https://evil.example"",""Click"")"`);
  });

  it("leaves other values alone, quoting only those with a quote, comma or line break", () => {
    expect(csvCell("")).toBe("");
    expect(csvCell("Smith")).toBe("Smith");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("O'Brien")).toBe("O'Brien");
    expect(csvCell("Smith, Jo")).toBe(`"Smith, Jo"`);
    expect(csvCell(`6" ruler`)).toBe(`"6"" ruler"`);
    expect(csvCell("line\nbreak")).toBe(`"line\nbreak"`);
  });
});
