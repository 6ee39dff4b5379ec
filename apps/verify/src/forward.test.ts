import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { forwarder } from "./forward";

/** A server that answers with the headers it was sent: what the web app would see behind the front. */
async function listen(server: Server): Promise<string> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the front forwards to the web app", () => {
  const upstream = createServer((req, res) => res.end(JSON.stringify(req.headers)));
  let front: Server;
  let frontUrl: string;

  before(async () => {
    const forward = forwarder(await listen(upstream), "https://trace.example.org");
    front = createServer((req, res) => forward(req, res, "198.51.100.7"));
    frontUrl = await listen(front);
  });
  after(() => {
    front.close();
    upstream.close();
  });

  it("passesTheConfiguredOriginAndTheAddressItSaw_neverWhatTheClientClaims", async () => {
    const seen = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
      const req = request(
        `${frontUrl}/01/09521234543213/10/L/21/S`,
        {
          headers: {
            host: "trace-example.evil",
            "x-forwarded-host": "trace-example.evil",
            "x-forwarded-proto": "http",
            "x-forwarded-port": "8443",
            "x-forwarded-for": "10.9.9.9",
            forwarded: "for=10.9.9.9;host=trace-example.evil;proto=http",
          },
        },
        (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve(JSON.parse(body) as IncomingHttpHeaders));
        },
      );
      req.on("error", reject);
      req.end();
    });
    assert.equal(seen["x-forwarded-host"], "trace.example.org");
    assert.equal(seen["x-forwarded-proto"], "https");
    assert.equal(seen["x-forwarded-for"], "198.51.100.7");
    assert.equal(seen["x-forwarded-port"], undefined);
    assert.equal(seen.forwarded, undefined);
  });
});
