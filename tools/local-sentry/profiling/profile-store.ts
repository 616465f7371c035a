// Profiles next to the spans: kept in memory, ingested ones also appended to `profiles.jsonl`
// under --data (the raw item JSON as the SDK sent it, one line each) so they survive restarts,
// like spans.jsonl. Seeded profiles are memory-only, as seeded spans are.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProfileItem, type NormalizedProfile } from './sample-format';

export interface StoredProfile extends NormalizedProfile {
  /** The item type and payload as received, served back by the raw fetch endpoints. */
  itemType: 'profile' | 'profile_chunk';
  raw: unknown;
}

interface Line {
  projectId: string;
  type: 'profile' | 'profile_chunk';
  payload: unknown;
}

export class ProfileStore {
  private readonly profiles: StoredProfile[] = [];
  private readonly seen = new Set<string>();
  private readonly file: string | undefined;

  constructor(dataDir?: string) {
    if (!dataDir) return;
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'profiles.jsonl');
    if (!existsSync(this.file)) return;
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const l = JSON.parse(line) as Line;
        this.insert(l.type, l.payload, l.projectId);
      } catch {
        // A torn last line or an item an older server accepted: skipped, the start goes on.
        continue;
      }
    }
  }

  /**
   * Validates and stores one item; throws ProfileError (with the reason) for an item that is not
   * a readable v1 profile or v2 chunk. Returns undefined for a duplicate (SDK retry).
   */
  add(
    type: 'profile' | 'profile_chunk',
    payload: unknown,
    projectId: string,
    persist: boolean,
  ): StoredProfile | undefined {
    const p = this.insert(type, payload, projectId);
    if (p && persist && this.file) {
      appendFileSync(this.file, JSON.stringify({ projectId, type, payload } satisfies Line) + '\n');
    }
    return p;
  }

  all(): readonly StoredProfile[] {
    return this.profiles;
  }

  get size(): number {
    return this.profiles.length;
  }

  byId(projectId: string, id: string): StoredProfile | undefined {
    return this.profiles.find((p) => p.projectId === projectId && p.id === id);
  }

  private insert(
    type: 'profile' | 'profile_chunk',
    payload: unknown,
    projectId: string,
  ): StoredProfile | undefined {
    const norm = readProfileItem(type, payload, projectId);
    const key = `${projectId}:${norm.kind}:${norm.id}`;
    if (this.seen.has(key)) return undefined;
    this.seen.add(key);
    const stored: StoredProfile = { ...norm, itemType: type, raw: payload };
    this.profiles.push(stored);
    return stored;
  }
}
