import { formatDateTime } from "@/lib/format";

/** One audit event: what happened, then who and when (as on the timeline and in recent activity). */
export function EventLines({ event, summaryClassName }: { event: { summary: string; actorLabel: string; occurredAt: Date }; summaryClassName?: string }) {
  return (
    <>
      <p className={summaryClassName}>{event.summary}</p>
      <p className="text-sm text-govuk-secondary">
        {event.actorLabel} · <time dateTime={event.occurredAt.toISOString()}>{formatDateTime(event.occurredAt)}</time>
      </p>
    </>
  );
}
