/** A request's body, refused (BodyTooLarge) past `max` bytes: the API's JSON and the pages' forms read it alike. */
import type { IncomingMessage } from "node:http";
import { DomainError } from "@tracemed/errors";

export function readBody(req: IncomingMessage, max = 16_384): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > max) {
        // Answer at once and stop keeping the body; drop the connection only if it keeps coming.
        reject(new DomainError("BodyTooLarge", `The body must be at most ${max} bytes.`));
        if (size > 64 * max) req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
