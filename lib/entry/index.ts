/**
 * The entry front door: what pages, components, routes and jobs may call. Everything else in lib/entry/ is internal.
 * Server only; client components use the actions files (server actions) and ./schema (input schemas, labels, pure rules).
 */
import "server-only";

export { or404 } from "./page";
export { route } from "./route";
export { text, upload } from "./uploads";
