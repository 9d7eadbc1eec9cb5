import { apiRoute } from "@/lib/dfe";
import { dataResponse } from "@/lib/api";
import { serializeStatement, getStatement } from "@/lib/npq";

export const dynamic = "force-dynamic";

/** GET /api/v3/statements/{id}. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => dataResponse(serializeStatement(await getStatement(actor, params.id))));
