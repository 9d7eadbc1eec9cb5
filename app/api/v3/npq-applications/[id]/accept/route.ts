import { apiRoute } from "@/lib/entry/api";
import { BadRequestError, dataResponse, readAttributes, sentData } from "@/lib/dfe/http";
import { MESSAGES } from "@/lib/dfe/messages";
import { acceptApplication, getApplication } from "@/lib/npq/applications";
import { serializeApplication } from "@/lib/npq/serialize";

export const dynamic = "force-dynamic";

/** POST /api/v3/npq-applications/{id}/accept — optional body {"data":{"type":"npq-application-accept","attributes":{"schedule_identifier","funded_place"}}}. */
export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  await getApplication(actor, params.id);
  const attributes = await readAttributes(request, { optional: true });
  if (!("schedule_identifier" in attributes) && !("funded_place" in attributes) && (await sentData(request)))
    throw new BadRequestError(MESSAGES.invalid_data_structure);
  const application = await acceptApplication(actor, params.id, { scheduleIdentifier: attributes.schedule_identifier, fundedPlace: attributes.funded_place });
  return dataResponse(serializeApplication(application));
});
