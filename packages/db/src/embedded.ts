/**
 * The embedded database: PostgreSQL compiled to WASM (PGlite), persisted in a folder, served on
 * 127.0.0.1 over the PostgreSQL wire protocol by pglite-socket's multiplexing server, so the web app,
 * the indexer and the tests reach it exactly as they reach a production PostgreSQL (DATABASE_URL).
 * The multiplexer serves one client at a time while that client has a transaction open.
 */
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 100 });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
