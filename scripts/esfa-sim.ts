/**
 * `npm run esfa:sim -- [--port 4010] [--host 127.0.0.1] [--key KEY=EPA0001 …] [--register learners.json]
 *                      [--print-after 1h] [--deliver-after 3d] [--no-rate-limit] [--state-dir DIR]`
 *
 * Runs the local ESFA External API simulator (simulators/esfa) until Ctrl+C. In memory, unless `--state-dir`
 * (or ESFA_SIM_STATE_DIR) names a directory: then its register, certificates, keys and reference counter are kept
 * there and loaded on the next start.
 * - Keys: `--key` (repeatable) or ESFA_SIM_KEYS="key1=EPA0001,key2=EPA0002"; default `esfa-sim-key=EPA0001`.
 * - Register: a JSON file holding a list of learners (EsfaRegisterLearner) or `{ "register": [...],
 *   "keys": [...], "approvals": [...] }`. Without one, each key's EPAO gets sandbox learners for every standard
 *   in db/data/standards.ts: ULN `1` + EPAO digits + 3-digit LARS code + `00`–`09`, family name = ULN.
 * - Control for tests and other processes: /__control/counters, /__control/faults, /__control/claims,
 *   /__control/certificates, /__control/time, /__control/reset (see EsfaSimulatorControl).
 */
import { readFile } from "node:fs/promises";
import { STANDARDS } from "../db/data/standards";
import { sandboxLearners, startEsfaSimulator, type EsfaRegisterLearner, type EsfaSimulatorKey, type EsfaSimulatorOptions } from "../simulators/esfa";

const argv = process.argv.slice(2);
const flags = new Map<string, string[]>();
for (let i = 0; i < argv.length; i++) {
  const name = argv[i]!.replace(/^--/, "");
  const value = argv[i + 1] && !argv[i + 1]!.startsWith("--") ? argv[++i]! : "true";
  flags.set(name, [...(flags.get(name) ?? []), value]);
}
const flag = (name: string) => flags.get(name)?.at(-1);

/** "90" (ms), "30s", "10m", "2h", "3d". */
function duration(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  if (!match) throw new Error(`Not a duration: ${value} (use e.g. 500, 30s, 10m, 2h, 3d)`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(match[2] ?? "ms") as "ms" | "s" | "m" | "h" | "d"];
  return Number(match[1]) * unit;
}

function parseKeys(values: string[]): EsfaSimulatorKey[] {
  return values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean)
    .map((pair) => {
      const [key, epaoId] = pair.split("=");
      if (!key || !epaoId) throw new Error(`A key is KEY=EPAOID, got "${pair}"`);
      return { key: key.trim(), epaoId: epaoId.trim() };
    });
}

let keys = parseKeys([...(flags.get("key") ?? []), ...(process.env.ESFA_SIM_KEYS ? [process.env.ESFA_SIM_KEYS] : [])]);
let register: EsfaRegisterLearner[] = [];
let approvals: EsfaSimulatorOptions["approvals"];

const file = flag("register");
if (file) {
  const data = JSON.parse(await readFile(file, "utf8")) as
    EsfaRegisterLearner[] | { register?: EsfaRegisterLearner[]; keys?: EsfaSimulatorKey[]; approvals?: EsfaSimulatorOptions["approvals"] };
  if (Array.isArray(data)) register = data;
  else {
    register = data.register ?? [];
    if (keys.length === 0 && data.keys) keys = data.keys;
    approvals = data.approvals;
  }
}
if (keys.length === 0) keys = [{ key: "esfa-sim-key", epaoId: "EPA0001" }];
if (!file) {
  const standards = STANDARDS.map((s) => ({
    standardCode: s.larsCode,
    standardReference: s.reference,
    standardName: s.title,
    level: s.level,
    versions: s.versions,
    options: s.options.length ? s.options : undefined,
  }));
  for (const epaoId of new Set(keys.map((k) => k.epaoId))) register.push(...sandboxLearners(epaoId, standards));
}

const simulator = await startEsfaSimulator({
  port: Number(flag("port") ?? process.env.ESFA_SIM_PORT ?? 4010),
  host: flag("host") ?? process.env.ESFA_SIM_HOST ?? "127.0.0.1",
  register,
  keys,
  approvals,
  timings: { printAfterMs: duration(flag("print-after")), deliverAfterMs: duration(flag("deliver-after")) },
  rateLimit: flag("no-rate-limit") ? false : undefined,
  stateDir: flag("state-dir") ?? (process.env.ESFA_SIM_STATE_DIR || undefined),
});

console.log(`ESFA simulator on ${simulator.url} (${register.length} learners)`);
for (const k of keys) console.log(`  key ${k.key} → ${k.epaoId}`);
if (!file) console.log(`  sandbox learners, e.g. ULN ${register[0]?.uln} family name ${register[0]?.familyName} standard ${register[0]?.standardCode}`);
console.log(`  control: ${simulator.url}/__control/counters`);
const stateDir = flag("state-dir") ?? process.env.ESFA_SIM_STATE_DIR;
console.log(stateDir ? `  state kept in ${stateDir}` : "  state in memory only (--state-dir DIR keeps it across restarts)");

const stop = () => {
  void simulator.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
