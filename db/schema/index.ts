export * from "./core";
export * from "./apprentices";
