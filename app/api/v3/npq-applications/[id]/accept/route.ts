import { apiRoute } from "@/lib/dfe";
import { dataResponse, optionalAttributes } from "@/lib/api";
import { acceptApplication, getApplication, serializeApplication } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** POST /api/v3/npq-applications/{id}/accept — optional body {"data":{"type":"npq-application-accept","attributes":{"schedule_identifier","funded_place"}}}. */
export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  await getApplication(actor, params.id);
  const attributes = await optionalAttributes(request, ["schedule_identifier", "funded_place"]);
  const application = await acceptApplication(actor, params.id, { scheduleIdentifier: attributes.schedule_identifier, fundedPlace: attributes.funded_place });
  return dataResponse(serializeApplication(application));
});
