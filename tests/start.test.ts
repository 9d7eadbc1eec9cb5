import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoEnvironment } from "../scripts/environment";

const root = path.resolve(import.meta.dirname, "..");

describe("npm start", () => {
  it("refuses to start on DATABASE_URL without AUTH_SECRET, with a clear message", () => {
    const env = { ...process.env, DATABASE_URL: "postgres://postgres@127.0.0.1:1/none", PORT: "1" };
    delete env.AUTH_SECRET;
    delete env.NEXTAUTH_SECRET;
    const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts", "start.ts")], {
      cwd: root,
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Refusing to start: DATABASE_URL is set but AUTH_SECRET is not.");
  });

  it("runs the demo on the embedded database as a sandbox unless ATTAIN_ENVIRONMENT is set; never a DATABASE_URL deployment", () => {
    expect(demoEnvironment(true, {})).toEqual({ ATTAIN_ENVIRONMENT: "sandbox" });
    expect(demoEnvironment(true, { ATTAIN_ENVIRONMENT: "production" })).toEqual({});
    expect(demoEnvironment(false, {})).toEqual({});
    expect(demoEnvironment(false, { ATTAIN_ENVIRONMENT: "sandbox" })).toEqual({});
  });
});
