import { describe, expect, it } from "vitest";
import { walkthrough, type Send } from "@/lib/dfe/walkthrough";
import { findSchedule } from "@/lib/dfe/schedules";
import { getApplication } from "@/lib/npq/applications";
import { listDeclarations } from "@/lib/npq/declarations";
import { db } from "@/lib/db";
import { apiRequest, call, tokenFor } from "./support/api";
import { createApplication, createDeliveryPartner, createLeadProvider, createParticipant, createStatements } from "./support/npq";
import * as applications from "@/app/api/v3/npq-applications/route";
import * as application from "@/app/api/v3/npq-applications/[id]/route";
import * as accept from "@/app/api/v3/npq-applications/[id]/accept/route";
import * as participant from "@/app/api/v3/participants/npq/[id]/route";
import * as participantOutcomes from "@/app/api/v3/participants/npq/[id]/outcomes/route";
import * as declarations from "@/app/api/v3/participant-declarations/route";
import * as voidDeclaration from "@/app/api/v3/participant-declarations/[id]/void/route";
import * as statements from "@/app/api/v3/statements/route";
import * as statement from "@/app/api/v3/statements/[id]/route";
import * as deliveryPartners from "@/app/api/v3/delivery-partners/route";

type Handler = (request: never, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
/** Our route handlers, matched the way Next's router matches the app/api/v3 folders. */
const ROUTES: [RegExp, string[], Record<string, Handler | undefined>][] = [
  [/^\/api\/v3\/npq-applications$/, [], applications as never],
  [/^\/api\/v3\/npq-applications\/([^/]+)$/, ["id"], application as never],
  [/^\/api\/v3\/npq-applications\/([^/]+)\/accept$/, ["id"], accept as never],
  [/^\/api\/v3\/participants\/npq\/([^/]+)$/, ["id"], participant as never],
  [/^\/api\/v3\/participants\/npq\/([^/]+)\/outcomes$/, ["id"], participantOutcomes as never],
  [/^\/api\/v3\/participant-declarations$/, [], declarations as never],
  [/^\/api\/v3\/participant-declarations\/([^/]+)\/void$/, ["id"], voidDeclaration as never],
  [/^\/api\/v3\/statements$/, [], statements as never],
  [/^\/api\/v3\/statements\/([^/]+)$/, ["id"], statement as never],
  [/^\/api\/v3\/delivery-partners$/, [], deliveryPartners as never],
];

describe("a lead provider's integration written against the DfE v3 guide", () => {
  it("runs end to end, unchanged, and the portal's services show the same state", async () => {
    const lp = await createLeadProvider();
    const person = await createParticipant();
    await createApplication(lp.org.id, person.id, { courseIdentifier: "npq-senior-leadership", cohort: 2024, eligibleForFunding: true });
    await createStatements(lp.org.id, 2024, [
      { year: 2025, month: 3 },
      { year: 2025, month: 4 },
    ]);
    await createDeliveryPartner(lp.org.id, [2024]);
    expect(await findSchedule(db(), "npq-leadership-autumn", 2024)).not.toBeNull();
    const token = await tokenFor(lp.admin);

    const send: Send = async (method, path, options = {}) => {
      const url = new URL(path, "http://localhost");
      for (const [pattern, names, module] of ROUTES) {
        const match = pattern.exec(url.pathname);
        const handler = match ? module[method] : undefined;
        if (!match || !handler) continue;
        const params = Object.fromEntries(names.map((name, i) => [name, match[i + 1]!]));
        const result = await call(handler as never, apiRequest(path, { token, method, body: options.body, serverDate: options.serverDate }), params);
        return { status: result.status, body: result.body };
      }
      throw new Error(`No route for ${method} ${path}`);
    };

    const lines: string[] = [];
    const done = await walkthrough(send, (line) => lines.push(line), { cohort: "2024" });
    expect(lines.some((l) => l.startsWith("POST /api/v3/npq-applications/") && l.includes("→ 200"))).toBe(true);

    const actor = lp.at("2025-03-03T10:00:00Z");
    expect((await getApplication(actor, done.applicationId)).application.status).toBe("accepted");
    const states = Object.fromEntries(
      (await listDeclarations(actor, { pagination: { page: 1, perPage: 100, offset: 0 }, participantIds: [done.participantId] })).map((d) => [
        d.declarationType,
        d.state,
      ]),
    );
    expect(states).toEqual({ started: "eligible", "retained-1": "eligible", completed: "voided" });
  });
});
