import { apiRoute } from "@/lib/dfe/api-route";
import { dataResponse } from "@/lib/api/http";
import { getDeclaration } from "@/lib/npq/declarations";
import { serializeDeclaration } from "@/lib/npq/serialize-declarations";

export const dynamic = "force-dynamic";

/** GET /api/v3/participant-declarations/{id}. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => dataResponse(serializeDeclaration(await getDeclaration(actor, params.id))));
