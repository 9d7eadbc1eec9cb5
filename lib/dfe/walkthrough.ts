/**
 * A lead provider's integration, written only against the DfE NPQ API v3 guide, walking it end to end:
 * list applications, accept one, read the participant, declare started, retained-1 and completed (with an
 * outcome), read the outcome, void the completed declaration, read statements. Used by `npm run dfe:walkthrough`
 * against a running portal, and by a test that routes the same calls to our handlers in-process.
 */
export type Send = (method: string, path: string, options?: { body?: unknown; serverDate?: string }) => Promise<{ status: number; body: unknown }>;
export type Log = (line: string) => void;

type Resource<A> = { id: string; type: string; attributes: A };
type Application = Resource<{
  participant_id: string;
  course_identifier: string;
  status: string;
  cohort: string;
  eligible_for_funding: boolean;
  schedule_identifier: string | null;
}>;
type Declaration = Resource<{ state: string; declaration_type: string; statement_id: string | null }>;

export class WalkthroughError extends Error {}

function expectStatus(step: string, got: { status: number; body: unknown }, want: number) {
  if (got.status !== want) throw new WalkthroughError(`${step}: expected HTTP ${want}, got ${got.status}: ${JSON.stringify(got.body).slice(0, 500)}`);
}

/** Runs the walk; returns what it did so a caller (or test) can check the portal shows the same state. */
export async function walkthrough(send: Send, log: Log, options: { serverDate?: string; cohort?: string } = {}) {
  const serverDate = options.serverDate ?? "2025-03-03T10:00:00Z";
  const cohort = options.cohort ?? "2024";
  const call = async (step: string, method: string, path: string, body?: unknown, want = 200) => {
    const result = await send(method, path, { body, serverDate });
    log(`${method.padEnd(4)} ${path} → ${result.status}  ${summarise(result.body)}`);
    expectStatus(step, result, want);
    return result.body as { data: unknown };
  };

  log(`Server date (X-With-Server-Date): ${serverDate}`);
  const list = (await call("List applications", "GET", `/api/v3/npq-applications?filter[cohort]=${cohort}&page[per_page]=100`)) as { data: Application[] };
  // Leadership and specialist courses share the autumn/spring schedules the dates below fall in.
  const onTermSchedules = (course: string) => course !== "npq-additional-support-offer" && course !== "npq-early-headship-coaching-offer";
  const application = list.data.find(
    (a) => a.attributes.status === "pending" && a.attributes.eligible_for_funding && onTermSchedules(a.attributes.course_identifier),
  );
  if (!application) throw new WalkthroughError(`No pending, fundable leadership or specialist application in cohort ${cohort} to accept`);
  await call("Show application", "GET", `/api/v3/npq-applications/${application.id}`);

  const accepted = (await call("Accept", "POST", `/api/v3/npq-applications/${application.id}/accept`, {
    data: { type: "npq-application-accept", attributes: { funded_place: true } },
  })) as { data: Application };
  const participantId = accepted.data.attributes.participant_id;
  const course = accepted.data.attributes.course_identifier;
  log(`  accepted: participant ${participantId}, course ${course}, schedule ${accepted.data.attributes.schedule_identifier}`);

  await call("Show participant", "GET", `/api/v3/participants/npq/${participantId}`);
  const partners = (await call("Delivery partners", "GET", `/api/v3/delivery-partners?filter[cohort]=${cohort}`)) as { data: { id: string }[] };
  const deliveryPartnerId = partners.data[0]?.id;

  const declare = async (type: string, date: string, extra: Record<string, unknown> = {}) =>
    (
      (await call(`Declare ${type}`, "POST", "/api/v3/participant-declarations", {
        data: {
          type: "participant-declaration",
          attributes: {
            participant_id: participantId,
            declaration_type: type,
            declaration_date: date,
            course_identifier: course,
            ...(deliveryPartnerId ? { delivery_partner_id: deliveryPartnerId } : {}),
            ...extra,
          },
        },
      })) as { data: Declaration }
    ).data;

  // Inside both the autumn and the spring schedule windows of the 2024 cohort, and before the server date.
  const started = await declare("started", "2025-01-10T09:00:00Z");
  const retained = await declare("retained-1", "2025-02-03T09:00:00Z");
  const completed = await declare("completed", "2025-02-24T09:00:00Z", { has_passed: true });
  log(
    `  declarations: started ${started.attributes.state}, retained-1 ${retained.attributes.state}, completed ${completed.attributes.state} on statement ${completed.attributes.statement_id}`,
  );

  const outcomes = (await call("Outcomes", "GET", `/api/v3/participants/npq/${participantId}/outcomes`)) as { data: Resource<{ state: string }>[] };
  if (!outcomes.data.some((o) => o.attributes.state === "passed")) throw new WalkthroughError("The completed declaration did not record a passed outcome");

  const voided = (await call("Void completed", "PUT", `/api/v3/participant-declarations/${completed.id}/void`)) as { data: Declaration };
  if (voided.data.attributes.state !== "voided") throw new WalkthroughError(`Voiding gave state ${voided.data.attributes.state}`);
  await call("List declarations", "GET", `/api/v3/participant-declarations?filter[participant_id]=${participantId}`);

  const statementsList = (await call("Statements", "GET", `/api/v3/statements?filter[cohort]=${cohort}`)) as {
    data: Resource<{ month: string; year: string }>[];
  };
  if (started.attributes.statement_id) await call("Show statement", "GET", `/api/v3/statements/${started.attributes.statement_id}`);
  log(`Done: ${statementsList.data.length} statements for cohort ${cohort}.`);
  return { applicationId: application.id, participantId, course, declarations: { started: started.id, retained: retained.id, completed: completed.id } };
}

function summarise(body: unknown): string {
  if (body && typeof body === "object" && "data" in body) {
    const data = (body as { data: unknown }).data;
    if (Array.isArray(data)) return `${data.length} item${data.length === 1 ? "" : "s"}`;
    const item = data as { id?: string; type?: string; attributes?: { state?: string; status?: string; training_status?: string } };
    return `${item.type ?? ""} ${item.id ?? ""} ${item.attributes?.state ?? item.attributes?.status ?? ""}`.trim();
  }
  return JSON.stringify(body).slice(0, 200);
}
