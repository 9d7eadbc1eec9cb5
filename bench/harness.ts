/** A small benchmark harness: warm-up, repeated runs, p50/p95, and ratios against a baseline measured in the same run. */
export type Measurement = { name: string; runs: number; p50: number; p95: number; mean: number; min: number };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export async function measure(name: string, fn: () => Promise<unknown>, options: { warmup?: number; runs?: number } = {}): Promise<Measurement> {
  const warmup = options.warmup ?? 10;
  const runs = options.runs ?? 100;
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { name, runs, p50: percentile(times, 50), p95: percentile(times, 95), mean: times.reduce((a, b) => a + b, 0) / times.length, min: times[0]! };
}

export function report(title: string, rows: Measurement[], baseline?: Measurement) {
  console.log(`\n${title}`);
  console.log(
    `${"benchmark".padEnd(44)} ${"runs".padStart(5)} ${"p50 ms".padStart(9)} ${"p95 ms".padStart(9)} ${"mean ms".padStart(9)}${baseline ? `  ${"p50 ×base".padStart(9)} ${"p95 ×base".padStart(9)}` : ""}`,
  );
  for (const m of [...(baseline ? [baseline] : []), ...rows]) {
    const ratio =
      baseline && m !== baseline
        ? `  ${(m.p50 / baseline.p50).toFixed(2).padStart(9)} ${(m.p95 / baseline.p95).toFixed(2).padStart(9)}`
        : baseline
          ? `  ${"(base)".padStart(9)} ${"".padStart(9)}`
          : "";
    console.log(
      `${m.name.padEnd(44)} ${String(m.runs).padStart(5)} ${m.p50.toFixed(1).padStart(9)} ${m.p95.toFixed(1).padStart(9)} ${m.mean.toFixed(1).padStart(9)}${ratio}`,
    );
  }
}
