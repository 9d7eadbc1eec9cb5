import type { ApprenticeStatus } from "@/lib/domain";

/** The stages of the lifecycle, in order, for the progress tracker. */
export const STAGES = [
  { status: "in_training", label: "In training" },
  { status: "gateway", label: "Gateway" },
  { status: "epa", label: "End-point assessment" },
  { status: "graded", label: "Graded" },
  { status: "certificated", label: "Certificate" },
] as const satisfies readonly { status: ApprenticeStatus; label: string }[];

export const STATUS_LABELS: Record<ApprenticeStatus, string> = {
  in_training: "In training",
  on_break: "Break in learning",
  gateway: "Gateway",
  epa: "In EPA",
  graded: "Graded",
  certificated: "Certificated",
  withdrawn: "Withdrawn",
};

export const STATUS_COLOURS: Record<ApprenticeStatus, "grey" | "blue" | "green" | "yellow" | "red" | "purple" | "orange" | "turquoise"> = {
  in_training: "blue",
  on_break: "yellow",
  gateway: "turquoise",
  epa: "purple",
  graded: "orange",
  certificated: "green",
  withdrawn: "grey",
};

/** Where a record stands on the tracker: index of the current stage (a break shows the stage it paused at). */
export function stageIndex(status: ApprenticeStatus, statusBeforeBreak: ApprenticeStatus | null): number {
  const effective = status === "on_break" ? (statusBeforeBreak ?? "in_training") : status;
  return STAGES.findIndex((s) => s.status === effective);
}

/** Which lifecycle changes a record in this status allows. */
export function allowedChanges(status: ApprenticeStatus) {
  return {
    edit: status !== "withdrawn",
    startBreak: status === "in_training" || status === "gateway" || status === "epa",
    resume: status === "on_break",
    withdraw: status !== "withdrawn" && status !== "certificated",
    changeEpao: status === "in_training" || status === "on_break" || status === "gateway",
    assign: status !== "withdrawn",
  };
}

/** Checks a version and option against a standard; returns field errors. */
export function standardChoiceErrors(standard: { versions: string[]; options: string[] }, version: string, option: string | null): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!standard.versions.includes(version)) errors.standardVersion = `Version must be one of ${standard.versions.join(", ")}`;
  if (standard.options.length > 0 && !option) errors.standardOption = "Select the option the apprentice is taking";
  if (option && !standard.options.includes(option)) {
    errors.standardOption = standard.options.length ? `Option must be one of: ${standard.options.join("; ")}` : "This standard has no options";
  }
  return errors;
}
