"use client";
import { createContext, useContext } from "react";
import type { PublicChainConfig } from "./config";

/** The signed-in member and its organisation as client components see them (from the server's session). */
export interface StaffView {
  /** the member's account: the key that signed in and signs every write */
  account: `0x${string}`;
  /** the organisation's id (lower-case); null when the account is no member */
  organisation: string | null;
  name: string | null;
  roles: number;
  /** the member's permission bits in its organisation */
  permissions: number;
  suspended: boolean;
  /** the account was a member and is not any more (its key was removed) */
  removed: boolean;
  /** the passkey's credential id when the member signed in with one (its writes go through the relayer); null: a wallet */
  passkeyCredential: string | null;
}

export const StaffContext = createContext<{ chain: PublicChainConfig; staff: StaffView | null } | null>(null);

export function useStaff() {
  const value = useContext(StaffContext);
  if (!value) throw new Error("useStaff needs <Providers> above it");
  return value;
}
