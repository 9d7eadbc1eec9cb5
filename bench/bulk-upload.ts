/**
 * Bulk upload of 10,000 rows through the service (validateUpload, then importUpload in mode "all": every row checked
 * against the rules and the database, multi-row INSERTs, one audit event per record) against a plain multi-row INSERT
 * of 10,000 rows of the same shape, chunked the same way in one transaction and rolled back.
 *
 * Runs against process.env.DATABASE_URL (db() from lib/db). It creates its own provider, EPAO, standard and active
 * link, uses fresh ULNs for every run, and removes everything it created at the end.
 */
import crypto from "node:crypto";
import { eq, inArray, or } from "drizzle-orm";
import { apprentices, auditEvents, bulkUploads, epaoStandards, organisations, providerLinks, providerLinkStandards, standards, users } from "../db/schema";
import { importUpload, INSERT_CHUNK_SIZE, normaliseDate, TEMPLATE_COLUMNS, validateUpload, type UploadColumn } from "../lib/apprentices/bulk-upload";
import type { UserActor } from "../lib/auth/actor";
import { db } from "../lib/db";
import { measure, report } from "./harness";

const ROWS = 10_000;
const RUNS = 3;
const WARMUP = 1;

class Rollback extends Error {}

async function insertWithFreeCode<T>(attempt: (code: string) => Promise<T | undefined>, code: () => string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const row = await attempt(code());
    if (row) return row;
  }
  throw new Error("Could not find a free code for the benchmark's organisations or standard");
}

async function createWorld() {
  const provider = await insertWithFreeCode(
    async (code) =>
      (
        await db().insert(organisations).values({ type: "training_provider", name: "Bulk upload benchmark provider", code }).onConflictDoNothing().returning()
      )[0],
    () => `1${String(crypto.randomInt(0, 10_000_000)).padStart(7, "0")}`,
  );
  const epao = await insertWithFreeCode(
    async (code) => (await db().insert(organisations).values({ type: "epao", name: "Bulk upload benchmark EPAO", code }).onConflictDoNothing().returning())[0],
    () => `EPA${String(crypto.randomInt(0, 10_000)).padStart(4, "0")}`,
  );
  const standard = await insertWithFreeCode(
    async (reference) =>
      (
        await db()
          .insert(standards)
          .values({
            reference,
            larsCode: crypto.randomInt(100_000, 2_000_000_000),
            title: "Bulk upload benchmark standard",
            level: 3,
            versions: ["1.0"],
            options: [],
            overallGrades: ["Fail", "Pass"],
            gradingRule: { combinations: [], fallback: "Pass" },
          })
          .onConflictDoNothing()
          .returning()
      )[0],
    () => `ST${String(crypto.randomInt(0, 10_000)).padStart(4, "0")}`,
  );
  // "!" is not a bcrypt hash: nobody can sign in as this user.
  const [user] = await db()
    .insert(users)
    .values({
      organisationId: provider.id,
      email: `bulk.bench.${crypto.randomUUID()}@bench.example`,
      name: "Bulk Benchmark",
      role: "provider_admin",
      passwordHash: "!",
    })
    .returning();
  await db().insert(epaoStandards).values({ epaoId: epao.id, standardId: standard.id });
  const [link] = await db().insert(providerLinks).values({ providerId: provider.id, epaoId: epao.id, status: "active", respondedAt: new Date() }).returning();
  await db().insert(providerLinkStandards).values({ linkId: link!.id, standardId: standard.id });
  const actor: UserActor = {
    kind: "user",
    userId: user!.id,
    role: "provider_admin",
    organisationId: provider.id,
    organisationType: "training_provider",
    organisationName: provider.name,
    name: user!.name,
    email: user!.email,
  };
  return { provider, epao, standard, actor };
}

async function removeWorld(world: Awaited<ReturnType<typeof createWorld>>) {
  const { provider, epao, standard, actor } = world;
  await db().transaction(async (tx) => {
    await tx.delete(auditEvents).where(or(eq(auditEvents.organisationId, provider.id), eq(auditEvents.actorUserId, actor.userId)));
    await tx.delete(apprentices).where(eq(apprentices.providerId, provider.id));
    await tx.delete(bulkUploads).where(eq(bulkUploads.providerId, provider.id));
    await tx.delete(providerLinks).where(eq(providerLinks.providerId, provider.id));
    await tx.delete(epaoStandards).where(eq(epaoStandards.epaoId, epao.id));
    await tx.delete(users).where(eq(users.organisationId, provider.id));
    await tx.delete(organisations).where(inArray(organisations.id, [provider.id, epao.id]));
    await tx.delete(standards).where(eq(standards.id, standard.id));
  });
}

export async function benchBulkUpload(): Promise<void> {
  const world = await createWorld();
  const { standard, epao, provider, actor } = world;
  let uln = crypto.randomInt(1_000_000_000, 8_000_000_000);
  const makeRows = (): Record<UploadColumn, string>[] =>
    Array.from({ length: ROWS }, (_, i) => ({
      ULN: String(uln++),
      "Given names": `Given${i}`,
      "Family name": `Family${i}`,
      "Date of birth": i % 2 ? "2004-03-18" : "18/03/2004",
      Email: `apprentice${i}@example.com`,
      "Employer name": "Northgate Logistics Ltd",
      "Employer contact name": "Peter Walsh",
      "Employer contact email": "peter.walsh@northgate.example",
      "Employer address line 1": "12 Canal Street",
      "Employer address line 2": "",
      "Employer town": "Leeds",
      "Employer postcode": "LS1 4AP",
      Standard: standard.reference,
      Version: "1.0",
      Option: "",
      "Start date": "2025-09-01",
      "Planned end date": "2027-03-31",
      "EPAO ID": epao.code,
    }));
  const toCsv = (rows: Record<UploadColumn, string>[]) =>
    `${[TEMPLATE_COLUMNS.join(","), ...rows.map((r) => TEMPLATE_COLUMNS.map((c) => r[c]).join(","))].join("\r\n")}\r\n`;

  try {
    // Fresh ULNs for every run (warm-up included), generated before timing starts.
    const files = Array.from({ length: WARMUP + RUNS }, () => toCsv(makeRows()));
    let next = 0;
    const full = await measure(
      "validate + import (service)",
      async () => {
        const upload = await validateUpload(actor, { filename: "bench.csv", content: files[next++]! });
        if (upload.validRows !== ROWS) throw new Error(`expected ${ROWS} valid rows, got ${upload.validRows}: ${JSON.stringify(upload.errors.slice(0, 3))}`);
        const result = await importUpload(actor, { uploadId: upload.id, mode: "all" });
        if (result.importedRows !== ROWS) throw new Error(`expected ${ROWS} imported rows, got ${result.importedRows}`);
      },
      { warmup: WARMUP, runs: RUNS },
    );

    const checkFiles = Array.from({ length: WARMUP + RUNS }, () => toCsv(makeRows()));
    next = 0;
    const validateOnly = await measure(
      "validate only (service)",
      async () => {
        const upload = await validateUpload(actor, { filename: "bench.csv", content: checkFiles[next++]! });
        if (upload.validRows !== ROWS) throw new Error(`expected ${ROWS} valid rows, got ${upload.validRows}`);
      },
      { warmup: WARMUP, runs: RUNS },
    );

    // The same rows as records, ready to insert (dates normalised as the upload does).
    const plainSets = Array.from({ length: WARMUP + RUNS }, () =>
      makeRows().map((r) => ({
        uln: r.ULN,
        givenNames: r["Given names"],
        familyName: r["Family name"],
        dateOfBirth: normaliseDate(r["Date of birth"]),
        email: r.Email,
        employerName: r["Employer name"],
        employerContactName: r["Employer contact name"],
        employerContactEmail: r["Employer contact email"],
        employerAddressLine1: r["Employer address line 1"],
        employerAddressLine2: null,
        employerTown: r["Employer town"],
        employerPostcode: r["Employer postcode"],
        standardId: standard.id,
        standardVersion: r.Version,
        standardOption: null,
        startDate: r["Start date"],
        plannedEndDate: r["Planned end date"],
        providerId: provider.id,
        epaoId: epao.id,
        createdBy: actor.userId,
      })),
    );
    next = 0;
    const baseline = await measure(
      "plain multi-row INSERT (baseline)",
      async () => {
        const rows = plainSets[next++]!;
        await db()
          .transaction(async (tx) => {
            for (let i = 0; i < rows.length; i += INSERT_CHUNK_SIZE) await tx.insert(apprentices).values(rows.slice(i, i + INSERT_CHUNK_SIZE));
            throw new Rollback();
          })
          .catch((error: unknown) => {
            if (!(error instanceof Rollback)) throw error;
          });
      },
      { warmup: WARMUP, runs: RUNS },
    );

    report(
      `Bulk upload of ${ROWS.toLocaleString("en-GB")} rows (${RUNS} runs after ${WARMUP} warm-up; baseline: the same number of rows as plain multi-row INSERTs of ${INSERT_CHUNK_SIZE.toLocaleString("en-GB")}, one transaction, rolled back)`,
      [validateOnly, full],
      baseline,
    );
    console.log(
      `p50: validate + import ${full.p50.toFixed(0)} ms, plain INSERT ${baseline.p50.toFixed(0)} ms, ratio ${(full.p50 / baseline.p50).toFixed(2)}× (validate alone ${validateOnly.p50.toFixed(0)} ms)`,
    );
  } finally {
    await removeWorld(world);
  }
}
