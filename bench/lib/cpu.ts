/**
 * CPU time used by process trees (Linux /proc), so that a benchmark can say where a request's cost goes:
 * the server, the database, the load generator. Ticks are USER_HZ (100 a second on Linux).
 */
import { readdir, readFile } from "node:fs/promises";

interface Proc {
  pid: number;
  ppid: number;
  ticks: number;
}

async function processes(): Promise<Proc[]> {
  const out: Proc[] = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, "utf8").catch(() => "");
    if (!stat) continue;
    // Fields after the parenthesised command, counted from the state as 0: ppid 1, utime 11, stime 12, and
    // cutime 13, cstime 14 (children that exited and were reaped: PostgreSQL's finished backends).
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = [11, 12, 13, 14].reduce((t, i) => t + Number(f[i]), 0);
    out.push({ pid: Number(name), ppid: Number(f[1]), ticks });
  }
  return out;
}

/** CPU seconds used so far by each root's process tree (the root and all its descendants). */
export async function cpuSeconds(roots: Record<string, number>): Promise<Record<string, number>> {
  const all = await processes();
  const children = new Map<number, Proc[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const out: Record<string, number> = {};
  for (const [name, pid] of Object.entries(roots)) {
    let ticks = 0;
    const stack = all.filter((p) => p.pid === pid);
    while (stack.length > 0) {
      const p = stack.pop()!;
      ticks += p.ticks;
      stack.push(...(children.get(p.pid) ?? []));
    }
    out[name] = ticks / 100;
  }
  return out;
}
