/**
 * What the start command shows and what it keeps: every line of every part goes to one log file
 * (DATA_DIR/logs/tracemed.log), and the terminal shows the start's own progress and the lines a part
 * marks as worth a newcomer's eye. VERBOSE=1 shows everything on the terminal as well.
 */
import type { ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

export interface Output {
  /** the log file */
  readonly file: string;
  readonly verbose: boolean;
  /** A line for the log file only. */
  keep(line: string): void;
  /**
   * Sends a child's stdout and stderr to the log file, each line tagged with `tag` when it has no tag of
   * its own; the terminal gets what `show` accepts (everything when verbose).
   */
  pipe(child: ChildProcess, tag: string, show: (line: string, stream: "stdout" | "stderr") => boolean): void;
  close(): Promise<void>;
}

export function openOutput(dataDir: string, verbose = process.env.VERBOSE === "1"): Output {
  const dir = path.join(dataDir, "logs");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "tracemed.log");
  const stream: WriteStream = createWriteStream(file, { flags: "a" });
  stream.write(`\n--- start ${new Date().toISOString()} ---\n`);
  const keep = (line: string) => void stream.write(`${line}\n`);
  return {
    file,
    verbose,
    keep,
    pipe(child, tag, show) {
      for (const name of ["stdout", "stderr"] as const) {
        const source = child[name];
        if (!source) continue;
        createInterface({ input: source, crlfDelay: Infinity }).on("line", (raw) => {
          const line = /^\[[a-z]/.test(raw) ? raw : `[${tag}] ${raw}`;
          keep(line);
          if (verbose || show(raw, name)) (name === "stderr" ? console.error : console.log)(line);
        });
      }
    },
    close: () => new Promise((resolve) => stream.end(resolve)),
  };
}
