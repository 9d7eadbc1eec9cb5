import "server-only";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedDatabase = { url: string; port: number; stop: () => Promise<void> };

/**
 * Starts PGlite (embedded Postgres) behind a Postgres wire-protocol socket, so the app and tests always
 * talk to it through postgres-js exactly as they would to a real server. PGlite is single-connection:
 * this process owns the data directory and the socket server multiplexes client connections.
 * `dataDir` undefined = in memory (tests).
 */
export async function startEmbeddedDatabase(options: { dataDir?: string; port?: number; maxConnections?: number } = {}): Promise<EmbeddedDatabase> {
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const pg = options.dataDir ? await PGlite.create(options.dataDir) : await PGlite.create();
  const server = new PGLiteSocketServer({
    db: pg,
    host: "127.0.0.1",
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 8,
  });
  await server.start();
  const port = await new Promise<number>((resolve, reject) => {
    // The server object exposes the bound address once listening.
    const address = (server as unknown as { server?: { address(): { port: number } | string | null } }).server?.address();
    if (address && typeof address === "object") return resolve(address.port);
    if (options.port) return resolve(options.port);
    reject(new Error("Could not determine the embedded database port"));
  });
  return {
    port,
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    stop: async () => {
      await server.stop();
      await pg.close();
    },
  };
}
