import { apiRoute, dataResponse } from "@/lib/dfe/http";
import { voidDeclaration } from "@/lib/npq/declarations";
import { serializeDeclaration } from "@/lib/npq/serialize-declarations";

export const dynamic = "force-dynamic";

/** PUT /api/v3/participant-declarations/{id}/void (no body). */
export const PUT = apiRoute<{ id: string }>(async ({ actor, params }) => dataResponse(serializeDeclaration(await voidDeclaration(actor, params.id))));
