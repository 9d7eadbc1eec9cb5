import { apiRoute } from "@/lib/dfe";
import { dataResponse } from "@/lib/api";
import { getDeclaration, serializeDeclaration } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** GET /api/v3/participant-declarations/{id}. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => dataResponse(serializeDeclaration(await getDeclaration(actor, params.id))));
