/** Shared fixtures for the ESFA client and simulator tests (not used by the product). */
import { afterEach, beforeEach } from "vitest";
import { createEsfaClient, type EsfaCall, type EsfaClientOptions } from "@/lib/esfa/client";
import { startEsfaSimulator, type EsfaRegisterLearner, type EsfaSimulator, type EsfaSimulatorOptions } from "@/simulators/esfa";
import type { EsfaCreateCertificateRequest } from "@/lib/esfa/types";

export const START = Date.parse("2025-06-10T09:00:00Z");

/** EPA0001 (key-1) has ST0070/196 (no options), ST9001/901 (options per version) and a withdrawn learner.
 * EPA0002 (key-2) shares ST0070. EPA0003 (key-3) is approved for nothing. */
export function testRegister(): EsfaRegisterLearner[] {
  const learners: EsfaRegisterLearner[] = [];
  for (let n = 1; n <= 80; n++) {
    learners.push({
      uln: 1_000_000_000 + n,
      familyName: `Family${n}`,
      givenNames: `Given${n}`,
      standardCode: 196,
      standardReference: "ST0070",
      standardName: "Business administrator",
      level: 3,
      versions: ["1.0"],
      epaoId: "EPA0001",
      ukprn: 10012345,
      providerName: "Example Training Ltd",
      learningStartDate: "2023-09-01",
    });
  }
  learners.push({
    uln: 2_000_000_001,
    familyName: "O'Neill-Smith",
    givenNames: "Ana",
    standardCode: 901,
    standardReference: "ST9001",
    standardName: "Test standard with options",
    level: 4,
    version: "1.1",
    versions: ["1.0", "1.1"],
    options: { "1.1": ["Retail", "Hospitality"] },
    epaoId: "EPA0001",
  });
  learners.push({ uln: 3_000_000_001, familyName: "Gone", standardCode: 196, standardReference: "ST0070", epaoId: "EPA0001", completionStatus: 3 });
  learners.push({ uln: 4_000_000_001, familyName: "Other", givenNames: "Olu", standardCode: 196, standardReference: "ST0070", epaoId: "EPA0002" });
  return learners;
}

export const TEST_KEYS = [
  { key: "key-1", epaoId: "EPA0001", user: "Api User" },
  { key: "key-2", epaoId: "EPA0002" },
  { key: "key-3", epaoId: "EPA0003" },
  { key: "key-expired", epaoId: "EPA0001", expired: true },
];

export function item(
  n: number,
  overrides: Partial<{ [K in keyof EsfaCreateCertificateRequest]: Partial<EsfaCreateCertificateRequest[K]> }> = {},
): EsfaCreateCertificateRequest {
  return {
    requestId: `req-${n}`,
    standard: { standardCode: 196, standardReference: "ST0070", ...overrides.standard },
    learner: { uln: 1_000_000_000 + n, familyName: `Family${n}`, ...overrides.learner },
    learningDetails: { version: "1.0", courseOption: null, overallGrade: "Pass", achievementDate: "2025-06-02", ...overrides.learningDetails },
    postalContact: {
      contactName: "Shreya Smith",
      department: "HR",
      organisation: "Contoso Ltd",
      addressLine1: "123 Test Road",
      addressLine2: null,
      addressLine3: null,
      city: "Townsville",
      postCode: "ZY9 9ZZ",
      ...overrides.postalContact,
    },
  };
}

export interface SimContext {
  sim: EsfaSimulator;
  /** The simulator's clock (ms); move it with `advance`. */
  now: () => number;
  advance: (ms: number) => void;
  calls: EsfaCall[];
  sleeps: number[];
  client: (options?: Partial<EsfaClientOptions>) => ReturnType<typeof createEsfaClient>;
}

/** A fresh simulator per test, with a fake clock, and fast clients (no real sleeping, no pacing). */
export function simulatorPerTest(options: Partial<EsfaSimulatorOptions> = {}): SimContext {
  const ctx = { calls: [], sleeps: [] } as unknown as SimContext;
  let clock = START;
  beforeEach(async () => {
    clock = START;
    ctx.calls = [];
    ctx.sleeps = [];
    ctx.now = () => clock;
    ctx.advance = (ms) => {
      clock += ms;
    };
    ctx.sim = await startEsfaSimulator({ port: 0, register: testRegister(), keys: TEST_KEYS, clock: () => clock, ...options });
    ctx.client = (o = {}) =>
      createEsfaClient({
        baseUrl: ctx.sim.url,
        subscriptionKey: "key-1",
        timeoutMs: 2_000,
        retries: 3,
        pace: false,
        random: () => 0.5,
        sleep: async (ms) => {
          ctx.sleeps.push(ms);
        },
        onCall: (call) => ctx.calls.push(call),
        ...o,
      });
  });
  afterEach(async () => {
    await ctx.sim.close();
  });
  return ctx;
}
