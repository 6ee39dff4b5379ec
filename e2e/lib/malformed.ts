/**
 * A corpus of malformed requests for every public endpoint: codes, Digital Link paths, element
 * strings, PINs, JSON bodies, oversized bodies, wrong content types and methods. Built from a few
 * real identifiers (so that one bad part is the only thing wrong) and the classic attack strings.
 */
export interface MalformedRequest {
  label: string;
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "OPTIONS" | "HEAD";
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** the status it must get, when only one is right */
  expect?: number;
}

/**
 * Request lines and headers no HTTP client library sends: methods no route serves, targets that are
 * not paths, malformed and conflicting headers. `head` is the request line and headers (rawHttp).
 */
export function rawCorpus(real: { gtin: string; lot: string; serial: string }, host: string) {
  const h = `Host: ${host}`;
  const pack = `/api/packs/${real.gtin}/${encodeURIComponent(real.lot)}/${encodeURIComponent(real.serial)}`;
  return [
    ...["/", "/api/verify", pack, "/batches", "/api/rpc"].flatMap((path) =>
      ["TRACE", "TRACK", "PROPFIND", "MKCOL", "PURGE", "QUERY", "BREW"].map((m) => `${m} ${path} HTTP/1.1\r\n${h}`),
    ),
    `CONNECT ${host} HTTP/1.1\r\n${h}`,
    `CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443`,
    `GET * HTTP/1.1\r\n${h}`,
    `POST * HTTP/1.1\r\n${h}\r\nContent-Length: 0`,
    `GET http://${host}/api/health HTTP/1.1\r\n${h}`,
    `GET https://evil.example${pack} HTTP/1.1\r\n${h}`,
    `GET //evil.example/api/health HTTP/1.1\r\n${h}`,
    `GET ///etc/passwd HTTP/1.1\r\n${h}`,
    `GET api/health HTTP/1.1\r\n${h}`,
    `GET ${pack} HTTP/1.1`,
    `GET ${pack} HTTP/1.1\r\n${h}\r\nX-Bad Header: 1`,
    `GET ${pack} HTTP/1.1\r\n${h}\r\nX-Big: ${"a".repeat(20_000)}`,
    `GET ${pack} HTTP/1.1\r\n${h}\r\nX-Nul: a\u0000b`,
    `GET ${pack} HTTP/2.0\r\n${h}`,
    `GET ${pack} HTTP/9.9\r\n${h}`,
    `POST /api/verify HTTP/1.1\r\n${h}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked`,
    `POST /api/verify HTTP/1.1\r\n${h}\r\nContent-Length: 1\r\nContent-Length: 2`,
    `POST /api/verify HTTP/1.1\r\n${h}\r\nContent-Length: -1`,
    `POST /api/reports HTTP/1.1\r\n${h}\r\nExpect: teapot\r\nContent-Length: 0`,
    `GET /api/nothing HTTP/1.1\r\nHost: <script>alert(1)</script>`,
    `GET /api/nothing HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: gopher`,
    `GET /api/batches/nope/provenance HTTP/1.1\r\n${h}\r\nCookie: tm_session=${"x".repeat(4000)}`,
    `GET /api/rpc HTTP/1.1\r\n${h}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13`,
    `OPTIONS * HTTP/1.1\r\n${h}`,
  ];
}

const ATTACKS = [
  "",
  " ",
  "0",
  "-1",
  "1e309",
  "abc",
  "' OR '1'='1",
  '1; DROP TABLE "Pack"; --',
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "../../etc/passwd",
  "%00",
  "\u0000",
  "\u202e",
  "０９５２１２３４５６７８９",
  "٠١٢٣",
  "🙂",
  "x".repeat(300),
  "9".repeat(40),
  "{{7*7}}",
  "${jndi:ldap://x}",
];

// (A well-formed GTIN that no pack has is not malformed: the resolver sends it to the pack page,
// which says "unknown code".)
const GTIN_BAD = ["09521234567890", "9521234567", "095212345678901", "ABCDEFGHIJKLMN", "0952123456789X"];
const PIN_BAD = [
  "",
  "1234",
  "1234 5678 9012 3456 789", // 19 digits: the check digit is missing
  "1234 5678 9012 3456 7890 1",
  "abcd efgh ijkl mnop qrst",
  "0000 0000 0000 0000 0001",
  "１２３４ ５６７８ ９０１２ ３４５６ ７８９０",
  "9".repeat(64),
  "9".repeat(65),
];

const enc = (s: string) => encodeURIComponent(s);

export function malformedCorpus(real: {
  gtin: string;
  lot: string;
  serial: string;
  batchId: string;
}): MalformedRequest[] {
  const out: MalformedRequest[] = [];
  const json = (label: string, path: string, body: unknown, method: MalformedRequest["method"] = "POST") =>
    out.push({
      label,
      method,
      path,
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  // Pack lookup, provenance, the Digital Link resolver and LVM, with one bad part at a time.
  for (const bad of [...ATTACKS, ...GTIN_BAD]) {
    out.push({
      label: `pack gtin ${JSON.stringify(bad).slice(0, 30)}`,
      method: "GET",
      path: `/api/packs/${enc(bad) || "%20"}/${enc(real.lot)}/${enc(real.serial)}`,
    });
    out.push({
      label: `resolver gtin ${JSON.stringify(bad).slice(0, 30)}`,
      method: "GET",
      path: `/01/${enc(bad) || "%20"}/10/${enc(real.lot)}/21/${enc(real.serial)}`,
    });
  }
  for (const bad of ATTACKS) {
    out.push({
      label: `pack lot ${JSON.stringify(bad).slice(0, 30)}`,
      method: "GET",
      path: `/api/packs/${real.gtin}/${enc(bad) || "%20"}/${enc(real.serial)}`,
    });
    out.push({
      label: `provenance serial ${JSON.stringify(bad).slice(0, 30)}`,
      method: "GET",
      path: `/api/packs/${real.gtin}/${enc(real.lot)}/${enc(bad) || "%20"}/provenance`,
    });
    out.push({
      label: `batch provenance id ${JSON.stringify(bad).slice(0, 30)}`,
      method: "GET",
      path: `/api/batches/${enc(bad) || "%20"}/provenance`,
    });
    out.push({
      label: `batch epcis id ${JSON.stringify(bad).slice(0, 30)}`,
      method: "GET",
      path: `/api/batches/${enc(bad) || "%20"}/epcis`,
    });
    out.push({
      label: `lvm serial ${JSON.stringify(bad).slice(0, 30)}`,
      method: "GET",
      path: `/api/lvm/01/${real.gtin}/10/${enc(real.lot)}/21/${enc(bad) || "%20"}`,
    });
  }
  for (const broken of ["%E0%A4%A", "%ZZ", "%", "%C0%AF", "%ff%fe"]) {
    out.push({
      label: `pack path percent ${broken}`,
      method: "GET",
      path: `/api/packs/${real.gtin}/${broken}/${enc(real.serial)}`,
    });
    out.push({
      label: `resolver path percent ${broken}`,
      method: "GET",
      path: `/01/${real.gtin}/10/${broken}/21/${enc(real.serial)}`,
    });
    out.push({
      label: `pack page percent ${broken}`,
      method: "GET",
      path: `/pack/${real.gtin}/${broken}/${enc(real.serial)}`,
    });
    out.push({ label: `batch page percent ${broken}`, method: "GET", path: `/batches/${broken}` });
  }
  // Pages a consumer's phone opens from a damaged or forged code.
  for (const bad of ["' OR '1'='1", "<script>alert(1)</script>", "x".repeat(300), "../../etc/passwd"])
    out.push({
      label: `pack page serial ${JSON.stringify(bad).slice(0, 30)}`,
      method: "GET",
      path: `/pack/${real.gtin}/${enc(real.lot)}/${enc(bad)}`,
    });
  // Element strings and Digital Links pasted where a GTIN belongs.
  for (const pasted of [
    `(01)${real.gtin}(10)${real.lot}(21)${real.serial}`,
    `]d201${real.gtin}10${real.lot}\u001d21${real.serial}`,
    `https://id.example.org/01/${real.gtin}/10/${real.lot}/21/${real.serial}`,
  ]) {
    out.push({
      label: `pack gtin = pasted code`,
      method: "GET",
      path: `/api/packs/${enc(pasted)}/${enc(real.lot)}/${enc(real.serial)}`,
    });
  }

  // Verification: PINs, fields, JSON shapes, sizes, content types, methods.
  const verify = (pin: unknown, over: Record<string, unknown> = {}) => ({
    gtin: real.gtin,
    lot: real.lot,
    serial: real.serial,
    pin,
    ...over,
  });
  for (const pin of [...PIN_BAD, ...ATTACKS])
    json(`verify pin ${JSON.stringify(pin).slice(0, 30)}`, "/api/verify", verify(pin));
  for (const [field, value] of [
    ["gtin", 9521234567890],
    ["gtin", null],
    ["lot", ["A"]],
    ["serial", { $ne: "" }],
    ["pin", 12345678901234567890],
    ["pin", true],
    ["gtin", "x".repeat(5000)],
  ] as const)
    json(
      `verify ${field} = ${JSON.stringify(value).slice(0, 20)}`,
      "/api/verify",
      verify("1234 5678 9012 3456 7890", { [field]: value }),
    );
  for (const body of [
    "{",
    "[]",
    "null",
    "42",
    '"text"',
    '{"pin":',
    "\u0000",
    "[".repeat(5000) + "]".repeat(5000),
    '{"__proto__":{"admin":true}}',
    "{}",
  ])
    json(`verify body ${JSON.stringify(body).slice(0, 24)}`, "/api/verify", body);
  out.push({
    label: "verify 1 MiB body",
    method: "POST",
    path: "/api/verify",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(verify("1".repeat(1 << 20))),
  });
  out.push({
    label: "verify 8 MiB body",
    method: "POST",
    path: "/api/verify",
    headers: { "content-type": "application/json" },
    body: Buffer.alloc(8 << 20, 0x20),
  });
  for (const type of [
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/xml",
    "",
  ])
    out.push({
      label: `verify content-type ${type || "(none)"}`,
      method: "POST",
      path: "/api/verify",
      headers: type ? { "content-type": type } : {},
      body: JSON.stringify(verify("1234")),
    });
  for (const method of ["PUT", "DELETE", "PATCH"] as const) {
    out.push({
      label: `verify ${method}`,
      method,
      path: "/api/verify",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    out.push({ label: `sign-in ${method}`, method, path: "/api/auth/sign-in" });
  }

  // Sign-in, the chain proxy, and the staff APIs without a session.
  for (const body of [
    {},
    { message: "hello", signature: "0x00" },
    { message: 1, signature: 2 },
    { message: "x".repeat(10_000), signature: "0x" + "ab".repeat(65) },
    {
      message:
        "localhost wants you to sign in with your Ethereum account:\n0x0000000000000000000000000000000000000000\n\nURI: http://localhost\nVersion: 1\nChain ID: 31337\nNonce: abcdefgh12345678\nIssued At: 2026-01-01T00:00:00Z",
      signature: "0x" + "ab".repeat(65),
    },
  ])
    json(`sign-in ${JSON.stringify(body).slice(0, 30)}`, "/api/auth/sign-in", body);
  json("sign-in not json", "/api/auth/sign-in", "{{");
  for (const body of [
    { jsonrpc: "2.0", id: 1, method: "eth_sendTransaction", params: [{}] },
    { jsonrpc: "2.0", id: 1, method: "eth_sign", params: [] },
    { jsonrpc: "2.0", id: 1, method: "anvil_setBalance", params: [] },
    { jsonrpc: "2.0", id: 1, method: "evm_revert", params: ["0x1"] },
    { jsonrpc: "2.0", id: 1, method: "debug_traceTransaction", params: [] },
    [],
    Array.from({ length: 51 }, (_, i) => ({ jsonrpc: "2.0", id: i, method: "eth_chainId" })),
    { jsonrpc: "2.0", id: 1 },
    "not json",
  ])
    json(`rpc ${JSON.stringify(body).slice(0, 40)}`, "/api/rpc", body);

  // Staff APIs without a session: a 401, whatever the body.
  for (const kind of ["sheets", "rolls", "csv", "..%2F..%2Fsecrets", "<x>"])
    out.push({
      label: `labels ${kind} signed out`,
      method: "GET",
      path: `/api/manufacturer/batches/${real.batchId}/labels/${kind}`,
    });
  out.push({
    label: "labels delete signed out",
    method: "DELETE",
    path: `/api/manufacturer/batches/${real.batchId}/labels`,
  });
  for (const [path, body] of [
    ["/api/manufacturer/products", { gtin: "' OR 1=1 --", name: "<b>x</b>" }],
    ["/api/manufacturer/registrations", { gtin: real.gtin, lot: "L", expiry: "2099-01-01", count: 1e9 }],
    ["/api/custody/proofs", { batchId: real.batchId, indices: [-1, 1e12] }],
    ["/api/custody/packs/lookup", { codes: ["x".repeat(1000)] }],
    ["/api/custody/units/proofs", { sscc: "' OR 1=1" }],
    ["/api/custody/units/packs", { gtin: real.gtin, lot: real.lot, serial: "<x>".repeat(10) }],
  ] as const)
    json(`staff ${path} signed out`, path, body);
  out.push({ label: "shipments signed out", method: "GET", path: `/api/custody/shipments?sscc=${enc("' OR 1=1")}` });
  for (const sscc of ["123", "abc", "1".repeat(40), "%ZZ"])
    out.push({ label: `shipment qr ${sscc.slice(0, 10)}`, method: "GET", path: `/api/custody/shipments/${sscc}/qr` });
  for (const sscc of ["123", "%ZZ", "000000000000000001"])
    for (const tail of ["", "/label"])
      out.push({ label: `unit${tail} ${sscc.slice(0, 10)}`, method: "GET", path: `/api/custody/units/${sscc}${tail}` });
  for (const sscc of ["123", "abcdefghijklmnopqr", "000000000000000001"])
    out.push({ label: `sscc resolver ${sscc}`, method: "GET", path: `/00/${sscc}` });

  // Addresses under /api that no route serves: a JSON 404 whatever the method.
  for (const path of [
    "/api",
    "/api/nothing",
    "/api/batches",
    `/api/batches/${real.batchId}`,
    `/api/batches/${real.batchId}/pdf`,
    `/api/packs/${real.gtin}/${enc(real.lot)}/${enc(real.serial)}/provenance/more`,
    "/api/auth",
    "/api/manufacturer/batches",
    "/api/%3Cscript%3E",
    // Paths are case-sensitive: another case is no route of ours, answered as the API answers.
    "/API/verify",
    "/Api/packs",
  ])
    for (const method of ["GET", "POST", "DELETE"] as const)
      out.push({ label: `unknown ${method} ${path.slice(0, 40)}`, method, path, expect: 404 });

  // Consumer reports: malformed and hostile bodies.
  for (const body of [
    {},
    { gtin: real.gtin, lot: real.lot, serial: real.serial },
    { gtin: real.gtin, lot: real.lot, serial: real.serial, category: "<script>", text: "x" },
    { gtin: real.gtin, lot: real.lot, serial: real.serial, category: "pin_failed", text: "x".repeat(100_000) },
    { gtin: 1, lot: [], serial: null, category: "other", text: "" },
    "not json",
  ])
    json(`report ${JSON.stringify(body).slice(0, 40)}`, "/api/reports", body);
  return out;
}
