import "server-only";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { db } from "../db";
import { env } from "../env";
import { pinKeysFromDirectory } from "./pinKeys";
import { RateLimiter } from "./rateLimit";
import type { VerifyDeps } from "./verifyPack";

const keysDir = path.isAbsolute(env.PIN_KEYS_DIR)
  ? env.PIN_KEYS_DIR
  : path.join(process.cwd(), "../..", env.PIN_KEYS_DIR);

/** The process-wide verification dependencies. */
export const verifyDeps = (): VerifyDeps => ({ db: db(), pinKeys });
const pinKeys = pinKeysFromDirectory(keysDir);

/** 20 checks at once per client, then one every 3 seconds. */
export const clientLimiter = new RateLimiter(20, 1 / 3);
export const scanSalt = env.SCAN_SALT ?? randomBytes(16).toString("hex");
