/**
 * Print files at rest: the label PDFs and the serialisation-line CSV hold every pack's PIN, so they
 * are written encrypted and readable only with the manufacturer's secret.
 *
 * Format (one file): "TMPRINT1" (8 bytes) || salt (32 random bytes), then chunks of at most 64 KiB
 * of plaintext, each `uint32 BE length || AES-256-GCM ciphertext || 16-byte tag`. The file key is
 * HKDF-SHA256(secret, salt, "tracemed:print-file:v1"), fresh for every file, so the 96-bit nonce
 * can be the chunk counter (bytes 4-7) plus a last-chunk flag (byte 11): a reordered, truncated or
 * extended file fails to decrypt, and nothing is released from a chunk before its tag checked out.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { Readable, Writable } from "node:stream";

export const PRINT_FILE_KINDS = ["sheets", "rolls", "csv"] as const;
export type PrintFileKind = (typeof PRINT_FILE_KINDS)[number];

export const PRINT_FILE_META: Record<PrintFileKind, { file: string; contentType: string; download: string }> = {
  sheets: { file: "labels-sheets.pdf.enc", contentType: "application/pdf", download: "labels-sheets.pdf" },
  rolls: { file: "labels-rolls.pdf.enc", contentType: "application/pdf", download: "labels-rolls.pdf" },
  csv: { file: "serialisation.csv.enc", contentType: "text/csv; charset=utf-8", download: "serialisation.csv" },
};

const MAGIC = Buffer.from("TMPRINT1", "ascii");
const SALT_BYTES = 32;
const HEADER_BYTES = MAGIC.length + SALT_BYTES;
const CHUNK = 64 * 1024;
const TAG = 16;

export class PrintFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PrintFileError";
  }
}

function fileKey(secret: Uint8Array, salt: Uint8Array): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, salt, "tracemed:print-file:v1", 32));
}

function nonce(counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUInt32BE(counter, 4);
  n[11] = last ? 1 : 0;
  return n;
}

/** Where one batch's print files live: <dir>/<manufacturer>/<batchId>/. */
export function batchPrintDir(dir: string, manufacturerAccount: string, batchId: string): string {
  const account = manufacturerAccount.toLowerCase();
  if (!/^0x[0-9a-f]{40}$/.test(account) || !/^0x[0-9a-f]{64}$/.test(batchId))
    throw new PrintFileError("print files are filed by manufacturer account and batch id");
  return path.join(dir, account, batchId);
}

/**
 * A stream that encrypts what is written to it into `file` (via `file.partial`, renamed when
 * complete, so a file that exists is a whole one). It emits "finish" once the file is on disk.
 */
export function encryptedFileWriter(file: string, secret: Uint8Array): Writable {
  const salt = randomBytes(SALT_BYTES);
  const header = Buffer.concat([MAGIC, salt]);
  const key = fileKey(secret, salt);
  const partial = `${file}.partial`;
  let handle: FileHandle | undefined;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let counter = 0;

  const seal = (plain: Buffer, last: boolean): Buffer => {
    const cipher = createCipheriv("aes-256-gcm", key, nonce(counter++, last));
    cipher.setAAD(header);
    const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(plain.length);
    return Buffer.concat([len, body]);
  };
  const flushFull = async () => {
    if (pendingBytes < CHUNK) return;
    const all = Buffer.concat(pending);
    const out: Buffer[] = [];
    let at = 0;
    // Keep at least one byte back: the last chunk must carry the last-chunk flag.
    while (all.length - at > CHUNK) {
      out.push(seal(all.subarray(at, at + CHUNK), false));
      at += CHUNK;
    }
    pending = [all.subarray(at)];
    pendingBytes = all.length - at;
    if (out.length) await handle!.write(Buffer.concat(out));
  };

  return new Writable({
    async construct(callback) {
      try {
        await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
        handle = await open(partial, "w", 0o600);
        await handle.write(header);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    async write(chunk: Buffer | string, _enc, callback) {
      try {
        const b = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
        pending.push(b);
        pendingBytes += b.length;
        await flushFull();
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    async final(callback) {
      try {
        await handle!.write(seal(Buffer.concat(pending), true));
        pending = [];
        await handle!.sync();
        await handle!.close();
        handle = undefined;
        await rename(partial, file);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    async destroy(error, callback) {
      await handle?.close().catch(() => undefined);
      if (error) await rm(partial, { force: true }).catch(() => undefined);
      callback(error);
    },
  });
}

async function readExactly(h: FileHandle, length: number, position: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await h.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

/** Decrypts a print file chunk by chunk; throws PrintFileError for a wrong key or a damaged file. */
export async function* decryptFile(file: string, secret: Uint8Array): AsyncGenerator<Buffer> {
  const h = await open(file, "r");
  try {
    const header = await readExactly(h, HEADER_BYTES, 0);
    if (header.length < HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC))
      throw new PrintFileError("not a TraceMed print file");
    const key = fileKey(secret, header.subarray(MAGIC.length));
    const size = (await h.stat()).size;
    let position = HEADER_BYTES;
    for (let counter = 0; ; counter++) {
      const lenBuf = await readExactly(h, 4, position);
      if (lenBuf.length < 4) throw new PrintFileError("the print file is truncated");
      const length = lenBuf.readUInt32BE(0);
      if (length > CHUNK) throw new PrintFileError("the print file is damaged");
      const body = await readExactly(h, length + TAG, position + 4);
      if (body.length < length + TAG) throw new PrintFileError("the print file is truncated");
      position += 4 + length + TAG;
      const last = position === size;
      const decipher = createDecipheriv("aes-256-gcm", key, nonce(counter, last));
      decipher.setAAD(header);
      decipher.setAuthTag(body.subarray(length));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(body.subarray(0, length)), decipher.final()]);
      } catch {
        throw new PrintFileError("the print file cannot be decrypted with this key (wrong key, or damaged)");
      }
      yield plain;
      if (last) return;
    }
  } finally {
    await h.close();
  }
}

/** A readable stream of a print file's plaintext (for a download). */
export function decryptedStream(file: string, secret: Uint8Array): Readable {
  return Readable.from(decryptFile(file, secret));
}

/** Which print files a batch has on disk, with their encrypted sizes. */
export async function listPrintFiles(dir: string): Promise<Partial<Record<PrintFileKind, number>>> {
  const names = new Set(await readdir(dir).catch(() => [] as string[]));
  const found: Partial<Record<PrintFileKind, number>> = {};
  for (const kind of PRINT_FILE_KINDS) {
    const meta = PRINT_FILE_META[kind];
    if (names.has(meta.file)) found[kind] = (await stat(path.join(dir, meta.file))).size;
  }
  return found;
}

/** Deletes a batch's print files (after printing, or before generating them again). */
export async function deletePrintFiles(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
