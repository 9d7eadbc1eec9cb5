import { apiRoute } from "@/lib/dfe/api-route";
import { dataResponse } from "@/lib/api/http";
import { serializeStatement } from "@/lib/npq/serialize-declarations";
import { getStatement } from "@/lib/npq/statements";

export const dynamic = "force-dynamic";

/** GET /api/v3/statements/{id}. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => dataResponse(serializeStatement(await getStatement(actor, params.id))));
