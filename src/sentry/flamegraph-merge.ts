// Sentry serves one flamegraph per project ("You cannot get a flamegraph from multiple
// projects."), so a query over several projects (or several functions) is several responses.
// They are joined here into one response of the same shape — vroom's speedscope output with
// one `sampled` profile per part, named after it — which the core importer reads as one
// profile with a thread per part. Indices into `shared.frames`, `shared.profile_ids` and
// `shared.profiles` are shifted and each frame gets its part's `platform`; nothing else
// changes, so the numbers stay Sentry's.

type Json = Record<string, unknown>;

export interface FlamegraphPart {
  /** Shown as the thread name: the project slug, plus the function when there is one. */
  readonly label: string;
  readonly body: unknown;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Samples in a response: the sum of `sample_counts` (or `weights`) of its profiles. */
export function flamegraphSamples(body: unknown): number {
  let n = 0;
  for (const p of list((body as Json | null)?.profiles)) {
    const prof = p as Json;
    const counts = list(prof.sample_counts).length > 0 ? prof.sample_counts : prof.weights;
    for (const c of list(counts)) if (typeof c === 'number') n += c;
  }
  return n;
}

function shift(rows: unknown, by: number): unknown {
  if (!Array.isArray(rows) || by === 0) return rows;
  return rows.map((r: unknown) =>
    Array.isArray(r) ? r.map((i: unknown) => (i as number) + by) : r,
  );
}

/** `source` (where the data came from) is added as a top-level key the importer shows. */
export function mergeFlamegraphs(parts: readonly FlamegraphPart[], source?: string): Json {
  const from = source ? { source } : {};
  if (parts.length === 1) {
    const only = parts[0].body as Json;
    return {
      ...from,
      ...only,
      profiles: list(only.profiles).map((p) => ({ ...(p as Json), name: parts[0].label })),
    };
  }
  const frames: unknown[] = [];
  const profileIds: unknown[] = [];
  const examples: unknown[] = [];
  const profiles: unknown[] = [];
  let platform = '';
  let projectID: unknown = 0;
  for (const part of parts) {
    const body = part.body as Json;
    const shared = (body.shared ?? {}) as Json;
    const [f, i, e] = [frames.length, profileIds.length, examples.length];
    // Each part's platform goes on its frames: Python and Node projects may be joined.
    const partPlatform = typeof body.platform === 'string' ? body.platform : '';
    frames.push(
      ...list(shared.frames).map((fr) =>
        partPlatform ? { ...(fr as Json), platform: partPlatform } : fr,
      ),
    );
    profileIds.push(...list(shared.profile_ids));
    examples.push(...list(shared.profiles));
    platform ||= typeof body.platform === 'string' ? body.platform : '';
    projectID ||= body.projectID;
    for (const p of list(body.profiles)) {
      const prof = p as Json;
      profiles.push({
        ...prof,
        name: part.label,
        samples: shift(prof.samples, f),
        ...(prof.samples_profiles ? { samples_profiles: shift(prof.samples_profiles, i) } : {}),
        ...(prof.samples_examples ? { samples_examples: shift(prof.samples_examples, e) } : {}),
      });
    }
  }
  return {
    ...from,
    activeProfileIndex: 0,
    platform,
    projectID,
    shared: { frames, profile_ids: profileIds, profiles: examples },
    profiles,
  };
}
