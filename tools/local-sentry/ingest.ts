// POST /api/{project_id}/envelope/: authenticates the DSN public key the way Relay accepts it
// (X-Sentry-Auth header, `sentry_key` query parameter, or the envelope header's `dsn`), stores
// the spans, and in record mode saves the raw body exactly as received.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectById } from './config';
import { decodeBody, parseEnvelope, spansFromEnvelope } from './envelope';
import type { Reply } from './http-util';
import { ingestProfileItems } from './profiling/envelope-items';
import type { ProfileStore } from './profiling/profile-store';
import type { SpanStore } from './store';

export interface IngestOptions {
  store: SpanStore;
  /** Where `profile` and `profile_chunk` items go; without it they are ignored like other items. */
  profiles?: ProfileStore;
  recordDir?: string;
}

let recordSeq = 0;

function headerKey(auth: string | undefined): string | undefined {
  return auth ? /sentry_key=([^,\s]+)/.exec(auth)?.[1] : undefined;
}

function dsnKey(dsn: unknown): string | undefined {
  try {
    return typeof dsn === 'string' ? new URL(dsn).username || undefined : undefined;
  } catch {
    return undefined;
  }
}

export function ingestEnvelope(
  projectId: string,
  query: URLSearchParams,
  headers: Record<string, string | string[] | undefined>,
  raw: Buffer,
  opts: IngestOptions,
): Reply {
  const project = projectById(projectId);
  if (!project) return { status: 404, body: { detail: `unknown project id ${projectId}` } };
  let envelope;
  let spans;
  try {
    envelope = parseEnvelope(decodeBody(raw, headers['content-encoding'] as string | undefined));
    spans = spansFromEnvelope(envelope, projectId);
  } catch (err) {
    return { status: 400, body: { detail: `invalid envelope: ${(err as Error).message}` } };
  }
  const key =
    headerKey(headers['x-sentry-auth'] as string | undefined) ??
    query.get('sentry_key') ??
    dsnKey(envelope.header.dsn);
  if (!key) return { status: 401, body: { detail: 'missing authorization information' } };
  if (key !== project.publicKey) {
    return { status: 401, body: { detail: `invalid public key for project ${projectId}` } };
  }
  if (opts.recordDir) {
    mkdirSync(opts.recordDir, { recursive: true });
    // Continue numbering after files already there, so a restart never overwrites a recording.
    if (recordSeq === 0) recordSeq = readdirSync(opts.recordDir).length;
    const gz = raw[0] === 0x1f && raw[1] === 0x8b;
    const name = `${String(++recordSeq).padStart(5, '0')}-${projectId}.envelope${gz ? '.gz' : ''}`;
    writeFileSync(join(opts.recordDir, name), raw);
  }
  // Profiles first: a transaction's spans get the `profile.id` of the profile sent with it.
  // A refused profile item (unknown version, corrupt) does not lose the envelope's spans; Relay
  // also answers 200 and drops only the bad item. The reasons go to the log and the body.
  const rejected = ingestProfileItems(envelope, projectId, spans, opts.profiles);
  for (const r of rejected) console.error(`local-sentry: dropped a profile: ${r}`);
  opts.store.add(spans, true);
  const eventId = envelope.header.event_id;
  return {
    status: 200,
    body: {
      ...(typeof eventId === 'string' ? { id: eventId } : {}),
      ...(rejected.length > 0 ? { profile_errors: rejected } : {}),
    },
  };
}
