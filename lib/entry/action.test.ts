import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { UserActor } from "@/lib/auth/actor";
import { ApiValidationError, BadRequestError } from "@/lib/api/http";
import { leadProviderActorFromUser } from "@/lib/dfe/actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";

// The wrapper reads the signed-in user from the session and revalidates pages: stand in for both.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
const revalidated = vi.hoisted(() => [] as unknown[][]);
vi.mock("@/lib/session", () => ({
  requireActor: async () => {
    if (!session.actor) throw new Error("NEXT_REDIRECT /login");
    return session.actor;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: (...args: unknown[]) => void revalidated.push(args) }));

const { action, EVERY_PAGE } = await import("./action");

const user = (role: UserActor["role"]): UserActor => ({
  kind: "user",
  userId: "00000000-0000-4000-8000-000000000001",
  role,
  organisationId: "00000000-0000-4000-8000-000000000002",
  organisationType: role.startsWith("lead_provider") ? "lead_provider" : "epao",
  organisationName: "Example",
  name: "Ann Example",
  email: "ann@example.test",
});

beforeEach(() => {
  session.actor = user("epao_admin");
  revalidated.length = 0;
});

describe("action: the one server-action wrapper", () => {
  it("calls the service as the signed-in user, revalidates and returns the data and the message", async () => {
    const seen: unknown[] = [];
    const result = await action({
      run: async (actor) => {
        seen.push(actor);
        return { id: "x", secret: "kept on the server" };
      },
      data: (r) => ({ id: r.id }),
      message: (r) => `Saved ${r.id}.`,
      revalidate: ["/epao/standards", ["/provider", "layout"]],
    });
    expect(result).toStrictEqual({ ok: true, data: { id: "x" }, message: "Saved x." });
    expect(seen).toEqual([session.actor]);
    expect(revalidated).toEqual([["/epao/standards"], ["/provider", "layout"]]);
  });

  it("sends no message key when there is no message, and the result itself when there is no projection", async () => {
    expect(await action({ run: async () => ({ token: "t" }) })).toStrictEqual({ ok: true, data: { token: "t" } });
    expect(await action({ run: async () => 3, message: "Done.", revalidate: EVERY_PAGE })).toStrictEqual({ ok: true, data: 3, message: "Done." });
    expect(revalidated).toEqual([["/", "layout"]]);
  });

  it("revalidates pages that depend on who is signed in", async () => {
    session.actor = user("assessor");
    await action({ run: async () => null, revalidate: (actor) => [actor.role === "assessor" ? "/assessor/notifications" : "/epao/notifications"] });
    expect(revalidated).toEqual([["/assessor/notifications"]]);
  });

  it("turns each kind of service error into its failed result, without revalidating", async () => {
    const fail = (error: Error, fields?: Record<string, string>) =>
      action({
        run: async () => {
          throw error;
        },
        revalidate: EVERY_PAGE,
        fields,
      });
    expect(await fail(new ValidationError({ name: "Enter a name" }))).toStrictEqual({
      ok: false,
      status: 422,
      message: "There is a problem with what you entered.",
      fieldErrors: { name: "Enter a name" },
    });
    expect(await fail(new ForbiddenError())).toStrictEqual({ ok: false, status: 403, message: "You do not have permission to do that.", fieldErrors: {} });
    expect(await fail(new NotFoundError())).toStrictEqual({ ok: false, status: 404, message: "Not found.", fieldErrors: {} });
    expect(await fail(new ConflictError("Changed elsewhere."))).toStrictEqual({ ok: false, status: 409, message: "Changed elsewhere.", fieldErrors: {} });
    expect(await fail(new BadRequestError("Bad"))).toStrictEqual({ ok: false, status: 400, message: "Bad", fieldErrors: {} });
    expect(await fail(new ApiValidationError([{ title: "declaration_date", detail: "Too early" }]), { declaration_date: "declarationDate" })).toStrictEqual({
      ok: false,
      status: 422,
      message: "Too early",
      fieldErrors: { declarationDate: "Too early" },
    });
    expect(revalidated).toEqual([]);
  });

  it("re-throws unknown errors and the sign-in redirect", async () => {
    await expect(
      action({
        run: async () => {
          throw new Error("connection lost");
        },
      }),
    ).rejects.toThrow("connection lost");
    session.actor = null;
    const run = vi.fn(async () => null);
    await expect(action({ run })).rejects.toThrow("NEXT_REDIRECT");
    expect(run).not.toHaveBeenCalled();
  });

  it("revalidates the pages a refusal still changed", async () => {
    const result = await action({
      run: async () => {
        throw new ValidationError({ mode: "Fix the rows first" });
      },
      revalidate: ["/done"],
      revalidateOnError: [["/provider/apprentices/upload", "layout"]],
    });
    expect(result.ok).toBe(false);
    expect(revalidated).toEqual([["/provider/apprentices/upload", "layout"]]);
  });

  it("parses the input with the form's schema before calling the service", async () => {
    const schema = z.object({ reason: z.string().min(1, "Select a reason"), count: z.coerce.number() });
    const run = vi.fn(async (_actor: UserActor, values: { reason: string; count: number }) => values.count * 2);
    expect(await action({ schema, input: { reason: "moved", count: "21" }, run })).toStrictEqual({ ok: true, data: 42 });
    expect(await action({ schema, input: { reason: "", count: "1" }, run })).toStrictEqual({
      ok: false,
      status: 422,
      message: "There is a problem with what you entered.",
      fieldErrors: { reason: "Select a reason" },
    });
    expect(await action({ schema, input: { reason: "a\u0000b", count: "1" }, run })).toMatchObject({
      ok: false,
      status: 422,
      fieldErrors: { reason: expect.any(String) },
    });
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("calls the DfE API services as the lead provider, and refuses a user who may not act for one", async () => {
    session.actor = user("lead_provider_admin");
    const result = await action({
      as: leadProviderActorFromUser,
      run: async (actor) => ({ kind: actor.kind, leadProviderId: actor.leadProviderId, tokenId: actor.tokenId }),
    });
    expect(result).toStrictEqual({ ok: true, data: { kind: "lead_provider", leadProviderId: session.actor.organisationId, tokenId: null } });
    session.actor = user("epao_admin");
    const run = vi.fn(async () => null);
    expect(await action({ as: leadProviderActorFromUser, run })).toMatchObject({ ok: false, status: 403 });
    expect(run).not.toHaveBeenCalled();
  });
});
