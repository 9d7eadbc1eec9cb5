import { Tag, type TagColour } from "@/components/ui";
import {
  APPLICATION_STATUS_COLOURS,
  APPLICATION_STATUS_LABELS,
  DECLARATION_STATE_COLOURS,
  DECLARATION_STATE_LABELS,
  OUTCOME_STATE_COLOURS,
  OUTCOME_STATE_LABELS,
  STATEMENT_STATE_COLOURS,
  STATEMENT_STATE_LABELS,
  TRAINING_STATUS_COLOURS,
  TRAINING_STATUS_LABELS,
} from "./labels";

/** A status or state as a tag: its label in its colour (the value itself if it has no label). */
function StateTag({ value, labels, colours }: { value: string; labels: Record<string, string>; colours: Record<string, TagColour> }) {
  return <Tag colour={colours[value]}>{labels[value] ?? value}</Tag>;
}

export function ApplicationStatusTag({ value }: { value: string }) {
  return <StateTag value={value} labels={APPLICATION_STATUS_LABELS} colours={APPLICATION_STATUS_COLOURS} />;
}

export function TrainingStatusTag({ value }: { value: string }) {
  return <StateTag value={value} labels={TRAINING_STATUS_LABELS} colours={TRAINING_STATUS_COLOURS} />;
}

export function DeclarationStateTag({ value }: { value: string }) {
  return <StateTag value={value} labels={DECLARATION_STATE_LABELS} colours={DECLARATION_STATE_COLOURS} />;
}

export function StatementStateTag({ value }: { value: string }) {
  return <StateTag value={value} labels={STATEMENT_STATE_LABELS} colours={STATEMENT_STATE_COLOURS} />;
}

export function OutcomeStateTag({ value }: { value: string }) {
  return <StateTag value={value} labels={OUTCOME_STATE_LABELS} colours={OUTCOME_STATE_COLOURS} />;
}
