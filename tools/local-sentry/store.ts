// The embedded span store: everything in memory, ingested spans also appended to a JSONL file
// under --data so they survive restarts. Seeded spans are memory-only: they are re-read and
// re-shifted into the last 24 h at every start (see seed.ts), so persisting them would duplicate.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { durationMs } from './values';
import type { StoredSpan } from './types';

export class SpanStore {
  private readonly spans: StoredSpan[] = [];
  private readonly seen = new Set<string>();
  private readonly children = new Map<string, StoredSpan[]>();
  private readonly file: string | undefined;

  constructor(dataDir?: string) {
    if (!dataDir) return;
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'spans.jsonl');
    if (!existsSync(this.file)) return;
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      // A torn last line (crash mid-append) is skipped rather than failing the start.
      if (!line.trim()) continue;
      try {
        this.insert(JSON.parse(line) as StoredSpan);
      } catch {
        continue;
      }
    }
  }

  /** Adds spans; a span already stored (same trace and span id) is ignored, as SDKs may retry. */
  add(spans: StoredSpan[], persist: boolean): number {
    const fresh = spans.filter((s) => this.insert(s));
    if (persist && this.file && fresh.length > 0) {
      appendFileSync(this.file, fresh.map((s) => JSON.stringify(s) + '\n').join(''));
    }
    return fresh.length;
  }

  all(): readonly StoredSpan[] {
    return this.spans;
  }

  get size(): number {
    return this.spans.length;
  }

  trace(traceId: string): StoredSpan[] {
    return this.spans.filter((s) => s.traceId === traceId);
  }

  environments(projectId: string): string[] {
    const envs = new Set(
      this.spans.filter((s) => s.projectId === projectId).map((s) => s.environment),
    );
    envs.delete('');
    return [...envs].sort();
  }

  /**
   * Self time (Sentry's `span.self_time`, Relay's exclusive time): the span's duration minus the
   * union of its direct children's intervals clipped to the span, so overlapping children are
   * not subtracted twice.
   */
  selfTimeMs(span: StoredSpan): number {
    const kids = this.children.get(span.traceId + ':' + span.spanId) ?? [];
    const intervals = kids
      .map((k) => [Math.max(k.start, span.start), Math.min(k.end, span.end)] as const)
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    let covered = 0;
    let curStart = -Infinity;
    let curEnd = -Infinity;
    for (const [a, b] of intervals) {
      if (a > curEnd) {
        if (curEnd > curStart) covered += curEnd - curStart;
        curStart = a;
        curEnd = b;
      } else curEnd = Math.max(curEnd, b);
    }
    if (curEnd > curStart) covered += curEnd - curStart;
    return Math.max(0, Math.round((durationMs(span.start, span.end) - covered * 1e3) * 1e3) / 1e3);
  }

  private insert(s: StoredSpan): boolean {
    const key = s.traceId + ':' + s.spanId;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.spans.push(s);
    if (s.parentSpanId) {
      const pk = s.traceId + ':' + s.parentSpanId;
      const list = this.children.get(pk);
      if (list) list.push(s);
      else this.children.set(pk, [s]);
    }
    return true;
  }
}
