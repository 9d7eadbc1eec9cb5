import { afterEach, describe, expect, it } from "vitest";
import { GET } from "./route";

const original = process.env.DATABASE_URL;
afterEach(() => {
  process.env.DATABASE_URL = original;
});

describe("GET /api/health", () => {
  it("answers 200 with app and database status when the database answers", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", app: { status: "ok" }, database: { status: "ok" } });
  });

  it("answers 503 when the database is unreachable", async () => {
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/unreachable";
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "error", app: { status: "ok" }, database: { status: "error" } });
  });
});
