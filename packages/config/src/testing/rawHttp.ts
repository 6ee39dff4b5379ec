/**
 * Tests only: sends bytes as they are to an HTTP server and reads its answer, for the requests no
 * HTTP client will send (TRACE, CONNECT, a `*` or absolute-form target, a broken header line).
 */
import { connect } from "node:net";

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** `head` is the request line and headers, without the final blank line; `Connection: close` is added. */
export function rawHttp(url: string, head: string, body = "", timeoutMs = 10_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${head.split("\r\n")[0]}`));
    }, timeoutMs);
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("utf8");
      const end = text.indexOf("\r\n\r\n");
      const [statusLine = "", ...lines] = text.slice(0, end < 0 ? text.length : end).split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const at = line.indexOf(":");
        if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
      }
      let rest = end < 0 ? "" : text.slice(end + 4);
      if (/chunked/i.test(headers["transfer-encoding"] ?? "")) {
        // One chunk is enough for these small answers: drop the size lines.
        rest = rest.replace(/^[0-9a-f]+\r\n|\r\n[0-9a-f]+\r\n|\r\n0\r\n\r\n$/gi, "");
      }
      resolve({ status: Number(statusLine.split(" ")[1] ?? 0), headers, body: rest });
    });
    // Not end(): a client that half-closes makes Node abort the request it has not answered yet.
    socket.write(`${head}\r\nConnection: close\r\n\r\n${body}`);
  });
}
