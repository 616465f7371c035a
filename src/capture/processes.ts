import { promises as fs } from 'fs';
import { basename } from 'path';

// The process list for the "Profile Running Python Process" picker, read from /proc (Linux).
// CPU% comes from two reads of /proc/PID/stat: (utime + stime) ticks spent between the reads
// divided by the wall time between them, like `top`.

export interface ProcessInfo {
  readonly pid: number;
  readonly user: string;
  /** Full command line, arguments joined by spaces. */
  readonly command: string;
  /** CPU use over the sampling interval, 100 = one full core. */
  readonly cpuPercent: number;
  /** argv[0] or the executable looks like a Python interpreter. */
  readonly isPython: boolean;
}

/** Clock ticks per second; 100 on every mainstream Linux architecture (sysconf(_SC_CLK_TCK)). */
const CLK_TCK = 100;

const PYTHON_NAME = /^(python|pypy)[\d.]*[dmu]?(\.exe)?$/i;

export function looksLikePython(argv0: string, exe?: string): boolean {
  return (
    PYTHON_NAME.test(basename(argv0)) || (exe !== undefined && PYTHON_NAME.test(basename(exe)))
  );
}

/** CPU ticks (utime + stime) from a /proc/PID/stat line; the command name may hold spaces. */
export function parseStatTicks(stat: string): number | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = stat.slice(close + 2).split(' ');
  // Fields after the name start at field 3 (state); utime is field 14, stime 15.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : undefined;
}

export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readTicks(pid: number): Promise<number | undefined> {
  try {
    return parseStatTicks(await fs.readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

async function userNames(): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  try {
    for (const line of (await fs.readFile('/etc/passwd', 'utf8')).split('\n')) {
      const [name, , uid] = line.split(':');
      if (name && uid) names.set(Number(uid), name);
    }
  } catch {
    // No passwd file (minimal containers): numeric ids are shown instead.
  }
  return names;
}

/**
 * Running processes with a command line (kernel threads have none and are left out), Python
 * first, then by CPU use. Returns [] where /proc does not exist.
 */
export async function listProcesses(intervalMs = 250): Promise<ProcessInfo[]> {
  let entries: string[];
  try {
    entries = (await fs.readdir('/proc')).filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const pids = entries.map(Number).filter((pid) => pid !== process.pid);
  const before = new Map<number, number | undefined>();
  await Promise.all(pids.map(async (pid) => before.set(pid, await readTicks(pid))));
  const start = Date.now();
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
  const names = await userNames();
  const elapsed = (Date.now() - start) / 1000;
  const result = await Promise.all(
    pids.map(async (pid): Promise<ProcessInfo | undefined> => {
      try {
        const argv = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
        if (argv[argv.length - 1] === '') argv.pop();
        if (argv.length === 0) return undefined;
        const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
        const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
        const exe = await fs.readlink(`/proc/${pid}/exe`).catch(() => undefined);
        const t0 = before.get(pid);
        const t1 = await readTicks(pid);
        const cpu = t0 !== undefined && t1 !== undefined ? (t1 - t0) / CLK_TCK / elapsed : 0;
        return {
          pid,
          user: names.get(uid) ?? String(uid),
          command: argv.join(' '),
          cpuPercent: Math.max(0, Math.round(cpu * 1000) / 10),
          isPython: looksLikePython(argv[0], exe),
        };
      } catch {
        return undefined; // exited while we were reading it
      }
    }),
  );
  return result
    .filter((p): p is ProcessInfo => p !== undefined)
    .sort(
      (a, b) =>
        Number(b.isPython) - Number(a.isPython) || b.cpuPercent - a.cpuPercent || a.pid - b.pid,
    );
}
