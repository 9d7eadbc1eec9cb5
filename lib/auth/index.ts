/** The lib/auth door: what pages, components and routes may import (plain values and functions, safe anywhere). */

export { areaOfPath, can, canAccessArea, homeFor } from "./policy";
export type { Permission } from "./policy";
export type { UserActor } from "./actor";
