import { apiRoute } from "@/lib/entry/api";
import { dataResponse } from "@/lib/dfe/http";
import { serializeStatement } from "@/lib/npq/serialize-declarations";
import { getStatement } from "@/lib/npq/statements";

export const dynamic = "force-dynamic";

/** GET /api/v3/statements/{id}. */
export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => dataResponse(serializeStatement(await getStatement(actor, params.id))));
