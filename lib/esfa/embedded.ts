import "server-only";
import fs from "node:fs";
import path from "node:path";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { apprentices, organisations, standards } from "@/db/schema";
import { db } from "@/lib/db";
import { startEsfaSimulator, writeFileAtomically, type EsfaRegisterLearner, type EsfaSimulator } from "@/simulators/esfa";
import { demoEsfaKey } from "./demo-keys";

/**
 * When no ESFA URL is configured, `npm start` serves the ESFA simulator next to the portal (inside the Next server,
 * on its own port) so certificate claims work end to end on a laptop. Its learner register is the portal's own
 * records, as the ILR would hold them, with deliberate mismatches: family names with an apostrophe are held without
 * it (O'Brien → OBrien) and one record in seven is held with its family name misspelt, the common "name mismatch"
 * claim error. New records are added to the register as they appear. Every EPAO gets a demo subscription key
 * (demoEsfaKey) that the EPAO admin pastes into Certification settings.
 *
 * The simulator keeps its register, certificates (with their statuses), keys and reference counter in the data
 * directory (`esfa-simulator/`, written atomically, loaded on start), so a restart of `npm start` forgets no
 * certificate and never numbers one from 00000001 again. What it kept wins over the portal's records for the same
 * learner: the ILR does not change because a record was corrected in the portal.
 */

type Holder = { simulator: EsfaSimulator; timer: NodeJS.Timeout };
const globalForSim = globalThis as unknown as { __attainEsfaSim?: Holder };

/** The family name the simulated ILR holds for a record. */
export function registeredFamilyName(familyName: string, uln: string): string {
  if (familyName.includes("'")) return familyName.replace(/'/g, "");
  // One in seven, chosen by ULN: a vowel changed (Ahmed → Ahmad), as a typing slip in the ILR would be.
  if (Number(uln.slice(-3)) % 7 === 3) return familyName.replace(/[aeiou](?=[^aeiou]*$)/i, (v) => (v.toLowerCase() === "e" ? "a" : "e"));
  return familyName;
}

/** Records created after `since` (all of them when null), oldest first, as register entries. */
async function learnersSince(since: Date | null): Promise<(EsfaRegisterLearner & { createdAt: Date })[]> {
  const rows = await db()
    .select({
      createdAt: apprentices.createdAt,
      uln: apprentices.uln,
      familyName: apprentices.familyName,
      givenNames: apprentices.givenNames,
      version: apprentices.standardVersion,
      startDate: apprentices.startDate,
      plannedEndDate: apprentices.plannedEndDate,
      standardCode: standards.larsCode,
      standardReference: standards.reference,
      standardName: standards.title,
      level: standards.level,
      versions: standards.versions,
      options: standards.options,
      epaoCode: organisations.code,
    })
    .from(apprentices)
    .innerJoin(standards, eq(standards.id, apprentices.standardId))
    .innerJoin(organisations, eq(organisations.id, apprentices.epaoId))
    .where(and(sql`${apprentices.status} <> 'withdrawn'`, since ? gt(apprentices.createdAt, since) : undefined))
    .orderBy(asc(apprentices.createdAt));
  return rows.map((r) => ({
    createdAt: r.createdAt,
    uln: r.uln,
    familyName: registeredFamilyName(r.familyName, r.uln),
    givenNames: r.givenNames,
    standardCode: r.standardCode,
    standardReference: r.standardReference,
    standardName: r.standardName,
    level: r.level,
    version: r.version,
    versions: r.versions,
    options: r.options,
    epaoId: r.epaoCode,
    learningStartDate: r.startDate,
    plannedEndDate: r.plannedEndDate,
  }));
}

/** The directory under the data directory where the embedded simulator keeps its state. */
export const EMBEDDED_SIMULATOR_STATE = "esfa-simulator";

/** Starts the simulator (once per process), points ESFA_API_URL at it and writes its address to the data directory. */
export async function startEmbeddedEsfa(
  input: { port?: number; dataDir?: string; syncMs?: number; firstCertificateReference?: number } = {},
): Promise<EsfaSimulator> {
  if (globalForSim.__attainEsfaSim) return globalForSim.__attainEsfaSim.simulator;
  const options = {
    ...input,
    port: input.port ?? (process.env.ESFA_SIMULATOR_PORT ? Number(process.env.ESFA_SIMULATOR_PORT) : 0),
    dataDir: input.dataDir ?? path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.ATTAIN_DATA_DIR ?? ".data"),
  };
  const epaos = await db().select({ code: organisations.code }).from(organisations).where(eq(organisations.type, "epao"));
  const initial = await learnersSince(null);
  let watermark: Date | null = initial.at(-1)?.createdAt ?? null;
  const simulator = await startEsfaSimulator({
    port: options.port ?? 0,
    register: initial,
    keys: epaos.filter((e) => e.code).map((e) => ({ key: demoEsfaKey(e.code!), epaoId: e.code! })),
    stateDir: path.join(/*turbopackIgnore: true*/ options.dataDir, EMBEDDED_SIMULATOR_STATE),
    firstCertificateReference: options.firstCertificateReference,
    // Certificates move on within minutes rather than days, so the demo shows Printed and Delivered.
    timings: { printAfterMs: 10 * 60_000, deliverAfterMs: 30 * 60_000 },
  });
  process.env.ESFA_API_URL = simulator.url;
  const timer = setInterval(() => {
    void learnersSince(watermark)
      .then((fresh) => {
        for (const l of fresh) simulator.control.addLearner(l);
        watermark = fresh.at(-1)?.createdAt ?? watermark;
      })
      .catch((error: unknown) => console.error("ESFA simulator register sync:", error instanceof Error ? error.message : error));
  }, options.syncMs ?? 5_000);
  timer.unref();
  globalForSim.__attainEsfaSim = { simulator, timer };
  if (options.dataDir) {
    fs.mkdirSync(/*turbopackIgnore: true*/ options.dataDir, { recursive: true });
    writeFileAtomically(
      path.join(/*turbopackIgnore: true*/ options.dataDir, "esfa-simulator.json"),
      JSON.stringify({ url: simulator.url, keys: Object.fromEntries(epaos.filter((e) => e.code).map((e) => [e.code, demoEsfaKey(e.code!)])) }, null, 2),
    );
  }
  console.log(
    `ESFA simulator on ${simulator.url} (no ESFA_API_URL configured); demo keys are in ${options.dataDir ? path.join(options.dataDir, "esfa-simulator.json") : "the start-up output"}.`,
  );
  return simulator;
}

/** Stops the embedded simulator (tests; the server stops it by exiting). Its state stays in the data directory. */
export async function stopEmbeddedEsfa(): Promise<void> {
  const holder = globalForSim.__attainEsfaSim;
  if (!holder) return;
  globalForSim.__attainEsfaSim = undefined;
  clearInterval(holder.timer);
  await holder.simulator.close();
}
