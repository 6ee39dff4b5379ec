/**
 * The embedded database: PostgreSQL compiled to WASM (PGlite), persisted in a folder, served on
 * 127.0.0.1 over the PostgreSQL wire protocol, so the web app, the indexer and the tests reach it
 * exactly as they reach a production PostgreSQL (DATABASE_URL).
 *
 * PGlite has a single session, so many client connections must take turns. The turn is a whole
 * protocol exchange: everything a connection sends up to its Sync (extended protocol), Query (simple
 * protocol) or Flush runs without any other connection's messages in between, and while a
 * connection has a transaction open only that connection is served. (pglite-socket's multiplexer
 * interleaves single messages, so one client's Parse could replace another's unnamed statement
 * between its Parse and Bind: "bind message supplies 8 parameters, but prepared statement requires 3".)
 */
import { mkdir } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

interface Turn {
  conn: Connection;
  messages: Buffer[];
  done: () => void;
}

class Turns {
  private readonly queue: Turn[] = [];
  private running = false;
  /** The connection whose transaction is open: only it is served until the transaction ends. */
  owner: Connection | null = null;

  constructor(private readonly db: PGlite) {}

  push(turn: Turn) {
    this.queue.push(turn);
    void this.run();
  }

  drop(conn: Connection) {
    for (let i = this.queue.length - 1; i >= 0; i--)
      if (this.queue[i]!.conn === conn) this.queue.splice(i, 1)[0]!.done();
  }

  async releaseOwner(conn: Connection) {
    if (this.owner !== conn) return;
    this.owner = null;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK").catch(() => undefined);
    void this.run();
  }

  private async run() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner ? this.queue.findIndex((t) => t.conn === this.owner) : 0;
        if (index < 0 || this.queue.length === 0) break;
        const turn = this.queue.splice(index, 1)[0]!;
        await this.db.runExclusive(async () => {
          for (const message of turn.messages) {
            await this.db.execProtocolRawStream(new Uint8Array(message), {
              onRawData: (data: Uint8Array) => turn.conn.write(data),
            });
          }
        });
        this.owner = this.db.isInTransaction() ? turn.conn : null;
        turn.done();
      }
    } catch (error) {
      console.error("[embedded-db] protocol error:", (error as Error).message);
    } finally {
      this.running = false;
    }
  }
}

class Connection {
  private buffer = Buffer.alloc(0);
  private started = false;
  private group: Buffer[] = [];
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly turns: Turns,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (chunk) => this.receive(chunk));
    socket.on("error", () => this.close());
    socket.on("close", () => this.close());
  }

  write(data: Uint8Array) {
    if (!this.closed && data.length > 0) this.socket.write(Buffer.from(data));
  }

  private receive(chunk: Buffer) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (!this.started) {
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        const code = this.buffer.readInt32BE(4);
        if (this.buffer.length < length) return;
        const packet = this.buffer.subarray(0, length);
        this.buffer = this.buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.socket.write("N"); // no encryption on the loopback
          continue;
        }
        if (code === CANCEL_REQUEST) {
          this.socket.end();
          return;
        }
        if (code !== PROTOCOL_3) {
          this.socket.destroy();
          return;
        }
        this.started = true;
        this.submit([Buffer.from(packet)]);
        continue;
      }
      if (this.buffer.length < 5) return;
      const length = 1 + this.buffer.readInt32BE(1);
      if (this.buffer.length < length) return;
      const type = String.fromCharCode(this.buffer[0]!);
      const message = Buffer.from(this.buffer.subarray(0, length));
      this.buffer = this.buffer.subarray(length);
      if (type === "X") {
        this.close();
        return;
      }
      this.group.push(message);
      // A Sync, a simple Query or a Flush ends what must run as one turn.
      if (type === "S" || type === "Q" || type === "H") {
        const messages = this.group;
        this.group = [];
        this.submit(messages);
      }
    }
  }

  private submit(messages: Buffer[]) {
    this.socket.pause(); // one turn at a time per connection: its next messages wait for the answers
    this.turns.push({ conn: this, messages, done: () => !this.closed && this.socket.resume() });
  }

  private close() {
    if (this.closed) return;
    this.closed = true;
    this.turns.drop(this);
    void this.turns.releaseOwner(this);
    this.socket.destroy();
  }
}

export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const turns = new Turns(db);
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    new Connection(socket, turns);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await db.close();
    },
  };
}
