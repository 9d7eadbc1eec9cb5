import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { UserActor } from "@/lib/auth/actor";
import type { ActionResult } from "@/lib/errors";
import { requireActor } from "@/lib/session";
import { parseInput } from "@/lib/validation";
import { toActionError, type FieldNames } from "./errors";

/**
 * The entry kit's one server-action wrapper: every server action (the lib/<feature>/ actions files) is a call to
 * `action`. It resolves the signed-in actor (or a redirect to sign in), parses the input with the form's zod schema
 * when given, calls the service, revalidates the pages that show the change and returns the `ActionResult` the form
 * reads; a service error becomes the failed result by the table in lib/entry/errors.ts (unknown errors re-thrown).
 *
 *     export async function deferParticipantAction(participantId: string, input: unknown) {
 *       return action({
 *         as: leadProviderActorFromUser,
 *         schema: deferFormSchema,
 *         input,
 *         run: (actor, values) => deferParticipant(actor, participantId, values),
 *         data: () => null,
 *         message: "The participant's training has been deferred.",
 *         revalidate: [["/lead-provider", "layout"]],
 *         fields: { reason: "reason" },
 *       });
 *     }
 */

/** A page to revalidate: a path, or a path and "layout" (the path and everything under it). */
export type Revalidation = string | readonly [path: string, type: "layout" | "page"];

/** Every page (the root layout and all under it): for a change that shows in many places. */
export const EVERY_PAGE: readonly Revalidation[] = [["/", "layout"]];

export type ActionOptions<A, I, R, T> = {
  /**
   * Who the service is called as: the signed-in user (the default), or what this makes of them (the lead provider
   * portal passes `leadProviderActorFromUser`, the LeadProviderActor the DfE API services take). It may refuse.
   */
  as?: (user: UserActor) => A;
  /** The form's schema: `input` is parsed with it before the service is called (problems are field errors, a 422). */
  schema?: z.ZodType<I>;
  /** What the form sent; handed to `run` (parsed when there is a schema). */
  input?: unknown;
  /** Calls the service. */
  run: (actor: A, input: I) => Promise<R>;
  /** What goes back to the browser, from the service's result (the result itself by default). */
  data?: (result: R) => T;
  /** The confirmation the form shows. */
  message?: string | ((result: R) => string);
  /** The pages to revalidate after the change (by the signed-in user when it depends on who they are). */
  revalidate?: readonly Revalidation[] | ((user: UserActor) => readonly Revalidation[]);
  /** The pages to revalidate when the change is refused (a refusal that still updated something). */
  revalidateOnError?: readonly Revalidation[];
  /** DfE attribute → form field, for the DfE API's validation errors (the lead provider portal). */
  fields?: FieldNames;
};

function revalidate(pages: readonly Revalidation[]): void {
  for (const page of pages) {
    if (typeof page === "string") revalidatePath(page);
    else revalidatePath(page[0], page[1]);
  }
}

export async function action<R, T = R, A = UserActor, I = unknown>(options: ActionOptions<A, I, R, T>): Promise<ActionResult<T>> {
  const user = await requireActor();
  try {
    const actor = options.as ? options.as(user) : (user as A);
    const input = options.schema ? parseInput(options.schema, options.input) : (options.input as I);
    const result = await options.run(actor, input);
    if (options.revalidate) revalidate(typeof options.revalidate === "function" ? options.revalidate(user) : options.revalidate);
    const message = typeof options.message === "function" ? options.message(result) : options.message;
    const data = options.data ? options.data(result) : (result as unknown as T);
    return message === undefined ? { ok: true, data } : { ok: true, data, message };
  } catch (error) {
    if (options.revalidateOnError) revalidate(options.revalidateOnError);
    return toActionError(error, options.fields);
  }
}

/**
 * The usual server action, for a feature's actions file: calls `service` as the signed-in user with what the form sent,
 * confirms with `message`, sends back `data` of the result (the result itself by default) and revalidates the feature's
 * pages. Made once per file with the pages, then one line an action:
 *
 *     const change = serviceActions(EVERY_PAGE);
 *     export const startBreakAction = change(startBreak, "The break in learning has been recorded.", versionOf);
 */
export function serviceActions(revalidate: readonly Revalidation[]) {
  return <I, R, T = R>(service: (actor: UserActor, input: I) => Promise<R>, message?: string | ((result: R) => string), data?: (result: R) => T) =>
    async (input: I): Promise<ActionResult<T>> =>
      action<R, T>({ run: (actor) => service(actor, input), data, message, revalidate });
}

/** The record's id, for the browser (`data` of an action that creates something). */
export const idOf = (record: { id: string }) => ({ id: record.id });

/** The record's new version, for the browser (`data` of an action that changes a versioned record). */
export const versionOf = (record: { version: number }) => ({ version: record.version });
