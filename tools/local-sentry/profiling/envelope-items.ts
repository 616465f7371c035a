// The profile items of one envelope, and the link Relay makes between a transaction and the
// profile sent with it: Relay writes the profile's id into the transaction's `profile` context,
// which is how Sentry's spans get `profile.id`; here the spans of that transaction get the
// attribute `profile.id`. Continuous profiles need no link: spans carry `sentry.profiler_id`
// (span v2) or `contexts.profile.profiler_id` and `thread.id`, matched by time.
import type { Envelope } from '../envelope';
import type { StoredSpan } from '../types';
import { ProfileError } from './sample-format';
import type { ProfileStore } from './profile-store';

/** Stores the envelope's profile items; returns one message per item refused. */
export function ingestProfileItems(
  env: Envelope,
  projectId: string,
  spans: StoredSpan[],
  store: ProfileStore | undefined,
  persist = true,
): string[] {
  const rejected: string[] = [];
  env.items.forEach((item, index) => {
    const type = item.header.type;
    if (type !== 'profile' && type !== 'profile_chunk') return;
    if (!store) return;
    let payload: unknown;
    try {
      payload = JSON.parse(item.payload.toString('utf8'));
    } catch (err) {
      rejected.push(`item ${index} (${type}): not JSON: ${(err as Error).message}`);
      return;
    }
    try {
      const p = store.add(type, payload, projectId, persist);
      if (p?.transaction?.id) linkTransaction(spans, p.transaction.id, p.id);
    } catch (err) {
      if (!(err instanceof ProfileError)) throw err;
      rejected.push(`item ${index} (${type}): ${err.message}`);
    }
  });
  return rejected;
}

function linkTransaction(spans: StoredSpan[], transactionEventId: string, profileId: string): void {
  const id = transactionEventId.replace(/-/g, '');
  for (const s of spans) if (s.eventId === id) s.attrs['profile.id'] = profileId;
}

/** The span's continuous profiler, if it ran while the span did. */
export function spanProfilerId(s: StoredSpan): string {
  const v = s.attrs['sentry.profiler_id'] ?? s.attrs['profiler_id'] ?? s.attrs['profiler.id'];
  return typeof v === 'string' ? v : '';
}

export function spanThreadId(s: StoredSpan): string {
  const v = s.attrs['thread.id'];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

export function spanProfileId(s: StoredSpan): string {
  const v = s.attrs['profile.id'];
  return typeof v === 'string' ? v : '';
}
