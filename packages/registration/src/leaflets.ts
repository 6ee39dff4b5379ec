/**
 * A product's patient leaflets (off chain): its manufacturer attaches, per language, a PDF kept here or
 * an https link to its own copy; anyone reads them (GET /leaflet/{gtin}/{locale}, the pack page, the
 * Digital Link's linkset as gs1:epil).
 */
import { createHash } from "node:crypto";
import type { Db } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";
import {
  isLeafletLocale,
  leafletFileProblem,
  leafletLinkProblem,
  MAX_LEAFLET_URL,
  type LeafletLocale,
} from "@tracemed/verification/leaflet";
import { ownProduct } from "./products";

/** What GET /leaflet/{gtin}/{locale} serves: the file, or the link to redirect to. */
export type StoredLeaflet =
  | { kind: "file"; file: Uint8Array; fileName: string; sha256: string; updatedAt: Date }
  | { kind: "link"; url: string; updatedAt: Date };

/** `locale` when it is one a leaflet is given in, else the refusal. */
export function leafletLocale(locale: string): LeafletLocale {
  if (isLeafletLocale(locale)) return locale;
  throw new DomainError("LeafletLocale", "A leaflet's language is en (English) or zh-CN (Chinese).");
}

/** Refuses what cannot be a leaflet file: empty, over 10 MB, or not a PDF. */
export function assertLeafletFile(file: Uint8Array): void {
  const problem = leafletFileProblem(file.byteLength, file.subarray(0, 5));
  if (problem === "too-large")
    throw new DomainError("LeafletTooLarge", "The leaflet file must be at most 10 MB; reduce its images or link it.");
  if (problem) throw new DomainError("LeafletNotPdf", "The leaflet must be a PDF file (it starts with %PDF-).");
}

/** Refuses what cannot be a leaflet link. */
export function assertLeafletLink(url: string): void {
  const problem = leafletLinkProblem(url);
  if (problem === "too-long")
    throw new DomainError("LeafletLinkInvalid", `The leaflet link must be at most ${MAX_LEAFLET_URL} characters.`);
  if (problem === "credentials")
    throw new DomainError("LeafletLinkInvalid", "The leaflet link must not carry a user name or password.");
  if (problem) throw new DomainError("LeafletLinkInvalid", "The leaflet link must be a full https:// address.");
}

/** A leaflet file's name as kept: its last path part, one line, at most 120 characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim()
    .slice(0, 120);
  return clean || "leaflet.pdf";
}

/** Attaches (or replaces) `account`'s product's leaflet in `locale` as a PDF kept here. */
export async function setLeafletFile(
  db: Db,
  account: string,
  gtin: string,
  locale: LeafletLocale,
  upload: { file: Uint8Array; fileName: string },
) {
  await ownProduct(db, account, gtin);
  assertLeafletFile(upload.file);
  const data = {
    url: null,
    file: Uint8Array.from(upload.file),
    fileName: cleanFileName(upload.fileName),
    sha256: createHash("sha256").update(upload.file).digest("hex"),
    updatedBy: account.toLowerCase(),
  };
  await db.productLeaflet.upsert({
    where: { gtin_locale: { gtin, locale } },
    create: { gtin, locale, ...data },
    update: data,
  });
  return { locale, fileName: data.fileName, sha256: data.sha256, url: null };
}

/** Attaches (or replaces) `account`'s product's leaflet in `locale` as a link to the manufacturer's copy. */
export async function setLeafletLink(db: Db, account: string, gtin: string, locale: LeafletLocale, url: string) {
  await ownProduct(db, account, gtin);
  assertLeafletLink(url);
  const data = { url, file: null, fileName: null, sha256: null, updatedBy: account.toLowerCase() };
  await db.productLeaflet.upsert({
    where: { gtin_locale: { gtin, locale } },
    create: { gtin, locale, ...data },
    update: data,
  });
  return { locale, fileName: null, sha256: null, url };
}

/** Removes `account`'s product's leaflet in `locale` (nothing to remove is no error). */
export async function removeLeaflet(db: Db, account: string, gtin: string, locale: LeafletLocale): Promise<void> {
  await ownProduct(db, account, gtin);
  await db.productLeaflet.deleteMany({ where: { gtin, locale } });
}

/** The leaflets of `gtins` as the products page lists them (no file bytes). */
export async function listLeaflets(db: Db, gtins: string[]) {
  return db.productLeaflet.findMany({
    where: { gtin: { in: gtins } },
    select: { gtin: true, locale: true, url: true, fileName: true, sha256: true, updatedAt: true },
    orderBy: [{ gtin: "asc" }, { locale: "asc" }],
  });
}

/** A product's leaflet in `locale` for anyone, or the refusal when there is none. */
export async function readLeaflet(db: Db, gtin: string, locale: LeafletLocale): Promise<StoredLeaflet> {
  const row = await db.productLeaflet.findUnique({ where: { gtin_locale: { gtin, locale } } });
  if (row?.url) return { kind: "link", url: row.url, updatedAt: row.updatedAt };
  if (row?.file && row.sha256)
    return {
      kind: "file",
      file: row.file,
      fileName: row.fileName ?? "leaflet.pdf",
      sha256: row.sha256,
      updatedAt: row.updatedAt,
    };
  throw new DomainError(
    "LeafletNotFound",
    `The product ${gtin} has no patient leaflet in ${locale === "en" ? "English" : "Chinese"}.`,
  );
}
