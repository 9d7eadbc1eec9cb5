import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The simulator's boundary: code outside simulators/esfa reaches it only through index.ts, and the simulator's own
 * modules import nothing of the product (only node: built-ins and each other). Tests beside the modules may use the
 * product's client to drive it.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const HERE = path.join(ROOT, "simulators", "esfa");
const SKIP = new Set(["node_modules", ".next", ".data", ".git", "test-results", "playwright-report", "blob-report", "coverage"]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(?:ts|tsx|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Every module specifier of static imports, re-exports and dynamic imports. */
function specifiers(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm)) found.push(match[1]!);
  return found;
}

/** Where a specifier points in the repository, or null for a package. */
function target(file: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return path.join(ROOT, specifier.slice(2));
  if (specifier.startsWith(".")) return path.resolve(path.dirname(file), specifier);
  return null;
}

const relative = (file: string) => path.relative(ROOT, file);

describe("the ESFA simulator's boundary", () => {
  it("is reached from outside simulators/esfa only through its index", () => {
    const wrong: string[] = [];
    for (const file of sourceFiles(ROOT)) {
      if (file.startsWith(HERE + path.sep)) continue;
      for (const specifier of specifiers(file)) {
        const to = target(file, specifier)?.replace(/\.(?:ts|js)$/, "");
        if (!to || !(to === HERE || to.startsWith(HERE + path.sep))) continue;
        if (to !== HERE && to !== path.join(HERE, "index")) wrong.push(`${relative(file)} imports ${specifier}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("imports nothing of the product", () => {
    const wrong: string[] = [];
    for (const file of sourceFiles(HERE)) {
      if (file.endsWith(".test.ts")) continue;
      for (const specifier of specifiers(file)) {
        const to = target(file, specifier);
        const inside = to != null && to.startsWith(HERE + path.sep);
        if (!inside && !specifier.startsWith("node:")) wrong.push(`${relative(file)} imports ${specifier}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
