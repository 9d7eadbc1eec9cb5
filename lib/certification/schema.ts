export { countdown } from "./countdown";
export type { CountMode, CountdownRule } from "./countdown";
