/**
 * The pages' scripts, bundled once when the service starts (esbuild, minified, ES modules) and served from
 * memory under content-hashed names (`/c/pack-<hash>.js`), so a phone caches each version for a year and never
 * asks again. The pack page's script is one file; the scan page's loads the zxing reader only when a camera
 * frame needs it (browsers with BarcodeDetector never do).
 */
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
  cache: string;
}

export interface Assets {
  /** the entry script of each page */
  urls: { pack: string; scan: string };
  /** the file at a path, when it is one of the bundles */
  get(path: string): Asset | undefined;
}

const IMMUTABLE = "public, max-age=31536000, immutable";
const browser = (name: string) => path.join(import.meta.dirname, "browser", name);

/** Bundles the enhancement scripts (about 1 s on a slow core). */
export async function buildAssets(): Promise<Assets> {
  const common = {
    bundle: true,
    minify: true,
    format: "esm" as const,
    target: ["es2020"],
    write: false,
    outdir: "/c",
    entryNames: "[name]-[hash]",
    chunkNames: "[name]-[hash]",
    legalComments: "none" as const,
    metafile: true,
    logLevel: "error" as const,
  };
  const builds = await Promise.all([
    build({ ...common, entryPoints: { pack: browser("pack.ts") } }),
    build({ ...common, entryPoints: { scan: browser("scan.ts") }, splitting: true }),
  ]);
  const files = new Map<string, Asset>();
  const urls: Record<string, string> = {};
  for (const result of builds) {
    for (const file of result.outputFiles ?? []) {
      const url = `/c/${path.basename(file.path)}`;
      const body = Buffer.from(file.contents);
      files.set(url, {
        body,
        gzip: gzipSync(body, { level: 9 }),
        type: "text/javascript; charset=utf-8",
        cache: IMMUTABLE,
      });
    }
    for (const [out, meta] of Object.entries(result.metafile!.outputs))
      if (meta.entryPoint) urls[path.basename(meta.entryPoint, ".ts")] = `/c/${path.basename(out)}`;
  }
  return { urls: { pack: urls.pack!, scan: urls.scan! }, get: (p) => files.get(p) };
}
