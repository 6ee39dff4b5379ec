/**
 * The start command's supervisor (scripts/lib/supervise.ts) on real processes: a part that dies is
 * started again and the log says how it ended; one that keeps dying waits longer each time; a stop is
 * final.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import { childPart, supervise } from "./lib/supervise.js";

/** A node process running `code`, as a part. */
const part = (code: string) => childPart(spawn(process.execPath, ["-e", code], { stdio: "ignore" }));

describe("the supervisor", () => {
  it("killedPart_isStartedAgain_andTheLogSaysHowItEnded_stopIsFinal", async () => {
    const lines: string[] = [];
    let starts = 0;
    const s = await supervise(
      "indexer",
      async () => {
        starts++;
        return part("setInterval(() => {}, 1000)");
      },
      (l) => lines.push(l),
      { minMs: 100 },
    );
    const first = s.current!.process;
    first.kill("SIGKILL");
    for (let i = 0; i < 100 && (s.current === undefined || s.current.process === first); i++) await sleep(20);
    assert.notEqual(s.current?.process, first);
    assert.deepEqual(lines, [
      "the indexer exited (signal SIGKILL); restarting in 0.1 s",
      "the indexer is running again",
    ]);
    assert.equal(s.restarts, 1);
    const second = s.current!.process;
    await s.stop();
    assert.ok(second.exitCode !== null || second.signalCode !== null);
    await sleep(300);
    assert.equal(starts, 2, "nothing is started after a stop");
  });

  it("partThatKeepsDying_waitsTwiceAsLongEachTime_upToTheCap", async () => {
    const lines: string[] = [];
    const s = await supervise(
      "web app",
      async () => part("process.exit(3)"),
      (l) => lines.push(l),
      {
        minMs: 50,
        maxMs: 200,
      },
    );
    for (let i = 0; i < 200 && lines.filter((l) => l.includes("restarting")).length < 5; i++) await sleep(20);
    await s.stop();
    const waits = lines.filter((l) => l.includes("restarting")).map((l) => l.match(/restarting in ([\d.]+) s/)![1]);
    assert.deepEqual(waits.slice(0, 5), ["0.1", "0.1", "0.2", "0.2", "0.2"]); // 50, 100, 200, 200, 200 ms, rounded
    assert.ok(lines.every((l) => !l.includes("restarting") || l.startsWith("the web app exited (code 3)")));
  });

  it("stopWhileARestartIsStarting_theProcessItStartedIsStoppedBeforeStopReturns", async () => {
    let starts = 0;
    let starting: ReturnType<typeof part> | undefined;
    const s = await supervise(
      "web app",
      async () => {
        if (++starts === 1) return part("setInterval(() => {}, 1000)");
        // A start that spawns its process, then waits for it to answer (as startWeb does).
        starting = part("setInterval(() => {}, 1000)");
        await sleep(300);
        return starting;
      },
      () => {},
      { minMs: 20 },
    );
    s.current!.process.kill("SIGKILL");
    for (let i = 0; i < 100 && !starting; i++) await sleep(10);
    assert.ok(starting, "the restart began");
    await s.stop();
    const p = starting.process;
    assert.ok(p.exitCode !== null || p.signalCode !== null, "no process outlives the stop");
  });

  it("partThatIgnoresSigterm_isKilled", { timeout: 15_000 }, async () => {
    const p = part("process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)");
    await sleep(300); // its SIGTERM handler is in place
    await p.stop();
    assert.ok(p.process.exitCode !== null || p.process.signalCode !== null, "it is gone when stop() returns");
  });

  it("stopDuringABackoff_returnsAtOnce", async () => {
    const s = await supervise(
      "indexer",
      async () => part("process.exit(1)"),
      () => {},
      { minMs: 10_000 },
    );
    await sleep(300); // it exited and waits 10 s before the next start
    const t = Date.now();
    await s.stop();
    assert.ok(Date.now() - t < 1_000, `stopped in ${Date.now() - t} ms`);
  });
});
