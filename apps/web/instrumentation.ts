/**
 * Runs once when the Next.js server starts (https://nextjs.org/docs/app/guides/instrumentation): EPCIS capture
 * jobs that no process is writing (the server stopped mid-job, or another process lost its writer lease) are
 * taken up now and swept for every 15 s, so a crash never leaves a job waiting for someone to ask about it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { sweepCaptureJobs } = await import("./lib/epcis/server");
  sweepCaptureJobs();
}
