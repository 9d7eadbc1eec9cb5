export * from "./core";
export * from "./apprentices";
export * from "./lead-providers";
export * from "./jobs";
export * from "./assessment";
export * from "./certification";
export type * from "./rows";
