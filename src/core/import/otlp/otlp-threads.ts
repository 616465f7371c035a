import type { ProfileBuilder } from '../../builder';
import type { OtlpDictionary, OtlpRequest } from './otlp-tables';

// Sample attribute keys (OpenTelemetry semantic conventions) that say which thread and process
// a sample ran in; the resource says which service, container and host.
const THREAD_ID = 'thread.id';
const THREAD_NAME = 'thread.name';
const PROCESS_PID = 'process.pid';
const EXECUTABLE = 'process.executable.name';

/**
 * Maps (resource, thread attributes) of a sample to a builder thread, named like the perf
 * importer's `app 20562/20563` plus the thread name and where it ran:
 * `report-api 4242/4250 "worker-1" @c0ffee012345`.
 */
export class OtlpThreads {
  private readonly byKey = new Map<string, number>();
  /** Per attribute index: 1 thread.id, 2 thread.name, 3 process.pid, 4 executable, 0 other. */
  private readonly role: Uint8Array;

  constructor(
    private readonly request: OtlpRequest,
    private readonly builder: ProfileBuilder,
  ) {
    const d: OtlpDictionary = request.dictionary;
    this.role = new Uint8Array(d.attrKey.length);
    const roles: Record<string, number> = {
      [THREAD_ID]: 1,
      [THREAD_NAME]: 2,
      [PROCESS_PID]: 3,
      [EXECUTABLE]: 4,
    };
    for (let i = 0; i < d.attrKey.length; i++)
      this.role[i] = roles[d.strings.get(d.attrKey[i])] ?? 0;
  }

  thread(resource: number, attrs: readonly number[]): number {
    const d = this.request.dictionary;
    let tid = '';
    let name = '';
    let pid = '';
    let exe = '';
    for (const a of attrs) {
      const role = a < this.role.length ? this.role[a] : 0;
      if (role === 1) tid = d.attrValue[a];
      else if (role === 2) name = d.attrValue[a];
      else if (role === 3) pid = d.attrValue[a];
      else if (role === 4) exe = d.attrValue[a];
    }
    const key = `${resource}\u0000${pid}\u0000${tid}\u0000${name}\u0000${exe}`;
    let thread = this.byKey.get(key);
    if (thread === undefined) {
      thread = this.intern(key, resource, pid, tid, name, exe);
      this.byKey.set(key, thread);
    }
    return thread;
  }

  private intern(
    key: string,
    resource: number,
    pid: string,
    tid: string,
    name: string,
    exe: string,
  ) {
    const r = this.request.resources[resource];
    const container = r?.get('container.id') ?? '';
    const host = r?.get('host.name') ?? '';
    const who =
      r?.get('service.name') ||
      exe ||
      name ||
      (container && container.slice(0, 12)) ||
      host ||
      'process';
    const ids = pid && tid ? `${pid}/${tid}` : pid || tid;
    const where = container ? container.slice(0, 12) : host;
    const parts = [who];
    if (ids) parts.push(ids);
    if (name && name !== who) parts.push(`"${name}"`);
    if (where && where !== who) parts.push(`@${where}`);
    const int = (s: string): number | undefined => (/^\d+$/.test(s) ? Number(s) : undefined);
    return this.builder.internThread(key, { name: parts.join(' '), pid: int(pid), tid: int(tid) });
  }
}
