import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness of the web process itself (the start script waits for it). */
export function GET() {
  return NextResponse.json({ ok: true });
}
