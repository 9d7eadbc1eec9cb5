import { describe, expect, it } from "vitest";
import { demoEsfaKey } from "./demo-keys";
import { registeredFamilyName } from "./embedded";

describe("the embedded simulator's register", () => {
  it("holds family names as an ILR would, with the deliberate mismatches", () => {
    expect(registeredFamilyName("O'Brien", "4000000001")).toBe("OBrien");
    // One ULN in seven (last three digits ≡ 3 mod 7) has its last vowel changed.
    expect(registeredFamilyName("Ahmed", "4000000003")).toBe("Ahmad");
    expect(registeredFamilyName("Ahmed", "4000000004")).toBe("Ahmed");
  });

  it("gives each EPAO a stable 32-character hex demo key", () => {
    expect(demoEsfaKey("EPA0001")).toMatch(/^[0-9a-f]{32}$/);
    expect(demoEsfaKey("EPA0001")).toBe(demoEsfaKey("EPA0001"));
    expect(demoEsfaKey("EPA0001")).not.toBe(demoEsfaKey("EPA0002"));
  });
});
