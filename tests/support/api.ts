import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { expect } from "vitest";
import { parse } from "yaml";
import { ApiValidationError, pageOf } from "@/lib/api/http";
import { createApiToken } from "@/lib/dfe/tokens";
import type { UserActor } from "@/lib/auth/actor";
import { errorOf } from "./errors";

/** A real API token for a lead provider admin (created through the service, stored as a digest). */
export async function tokenFor(admin: UserActor) {
  return (await createApiToken(admin, { description: `Tests ${Date.now()}` })).token;
}

/** Builds a request for a route handler, as Next would pass it. */
export function apiRequest(
  url: string,
  options: { token?: string; method?: string; body?: unknown; serverDate?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.serverDate) headers["x-with-server-date"] = options.serverDate;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return new NextRequest(new URL(url, "http://localhost"), {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
  });
}

/** Calls a route handler and returns status and parsed body. */
export async function call<P extends Record<string, string>>(
  handler: (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>,
  request: NextRequest,
  params: P = {} as P,
) {
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* plain text (e.g. 429 "Retry later") */
  }
  return { status: response.status, body: body as Record<string, unknown>, headers: response.headers };
}

/** The DfE 422 errors (an ApiValidationError's) the call must fail with. */
export async function apiErrorsOf(promise: Promise<unknown>) {
  const error = await errorOf(promise);
  expect(error).toBeInstanceOf(ApiValidationError);
  return (error as ApiValidationError).errors;
}

/** DfE pagination for a service call: `perPage` rows (100 unless told) of page `pageNumber`. */
export const page = (perPage = 100, pageNumber = 1) => pageOf(pageNumber, perPage);

/**
 * DfE's English strings (the copy of its locale file in tests/fixtures/dfe/npq-en.yml): `at("cohort", "…")` is the
 * entry at that path, or undefined.
 */
export function dfeWording() {
  const en = (
    parse(fs.readFileSync(path.join(process.cwd(), "tests/fixtures/dfe/npq-en.yml"), "utf8"), { uniqueKeys: false, merge: true }) as {
      en: Record<string, unknown>;
    }
  ).en;
  return (...keys: string[]) => keys.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], en);
}
