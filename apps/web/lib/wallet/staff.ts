"use client";
import { createContext, useContext } from "react";
import type { PublicChainConfig } from "./config";

/** The signed-in organisation as client components see it (from the server's session). */
export interface StaffView {
  account: `0x${string}`;
  name: string | null;
  roles: number;
  suspended: boolean;
}

export const StaffContext = createContext<{ chain: PublicChainConfig; staff: StaffView | null } | null>(null);

export function useStaff() {
  const value = useContext(StaffContext);
  if (!value) throw new Error("useStaff needs <Providers> above it");
  return value;
}
