/**
 * The links front door: what pages, components, routes and jobs may call. Everything else in lib/links/ is internal.
 * Server only; client components use the actions files (server actions) and ./schema (input schemas, labels, pure rules).
 */
import "server-only";

export { linkedEpaosForProvider, listEpaosForLinking, listLinks } from "./service";
export type { LinkSide, LinkSummary } from "./service";
