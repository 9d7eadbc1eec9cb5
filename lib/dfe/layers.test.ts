import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The Lead Provider API wing's layering: lib/dfe is the shared layer (DfE errors and messages, request parsing,
 * schedules and milestones, statements, delivery partners, declarations' shared rules) below lib/npq and lib/ecf.
 * lib/dfe imports neither programme, the programmes do not import each other, and no module of the three is part of
 * an import cycle. Test files are left out (a test may import anything).
 */

const ROOT = process.cwd();
const WING = ["lib/dfe", "lib/npq", "lib/ecf"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? specifier.slice(2) : specifier.startsWith(".") ? path.join(path.dirname(from), specifier) : null;
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    const full = path.join(ROOT, candidate);
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return path.normalize(candidate);
  }
  return null;
}

const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function importGraph(): Map<string, string[]> {
  const files = WING.flatMap(sourceFiles);
  return new Map(
    files.map((file) => {
      const source = fs.readFileSync(path.join(ROOT, file), "utf8");
      const targets = [...source.matchAll(IMPORT)].map((m) => resolve(file, (m[1] ?? m[2])!)).filter((t): t is string => t !== null);
      return [file, [...new Set(targets)]];
    }),
  );
}

/** Modules on an import cycle (Tarjan's strongly connected components of more than one module, or a self-import). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)!.includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe("the Lead Provider API wing's layers", () => {
  const graph = importGraph();
  const arrows = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));

  it("has no import cycle in lib/dfe, lib/npq or lib/ecf", () => {
    expect(graph.size).toBeGreaterThan(20);
    expect(cycles(graph)).toEqual([]);
  });

  it("keeps lib/dfe below both programmes, and the programmes apart", () => {
    const wrong = arrows.filter(
      ({ from, to }) =>
        (from.startsWith("lib/dfe/") && (to.startsWith("lib/npq/") || to.startsWith("lib/ecf/"))) ||
        (from.startsWith("lib/npq/") && to.startsWith("lib/ecf/")) ||
        (from.startsWith("lib/ecf/") && to.startsWith("lib/npq/")),
    );
    expect(wrong).toEqual([]);
  });
});
