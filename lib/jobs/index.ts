/**
 * The jobs front door: what pages, components, routes and jobs may call. Everything else in lib/jobs/ is internal.
 * Server only; client components use the actions files (server actions) and ./schema (input schemas, labels, pure rules).
 */
import "server-only";

export type { JobRow } from "./queue";
