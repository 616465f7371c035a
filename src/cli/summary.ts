// The data behind `hotspot-lens summary`: the hottest frames, functions or lines of a profile by
// self weight, each with the workspace file its path resolves to.
import { attribute, lineKey } from '../core/attribution';
import type { Profile, ProfileFormat } from '../core/model';
import type { PathResolver } from '../mapping/path-map';

export type GroupBy = 'frame' | 'function' | 'line';

export interface SummaryRow {
  name: string;
  file: string | null;
  line: number | null;
  self: number;
  total: number;
  /** Workspace-relative file, or null when unmapped, ambiguous or no root was given. */
  resolved: string | null;
}

export interface Summary {
  format: ProfileFormat;
  samples: number;
  values: { type: string; unit: string; total: number }[];
  value: number;
  frames: number;
  /** Producer metadata (OTLP resource/scope attributes), when the format has it. */
  attributes?: Record<string, string>;
  top: SummaryRow[];
}

/** `top` of 0 lists every row. */
export function summarize(
  profile: Profile,
  options: { by: GroupBy; top: number; valueIndex: number; resolver?: PathResolver },
): Summary {
  const a = attribute(profile, options.valueIndex);
  const resolve = (file: string | undefined): string | null => {
    if (file === undefined || !options.resolver) return null;
    const r = options.resolver.resolve(file);
    return r.kind === 'mapped' ? r.path : null;
  };
  let rows: SummaryRow[];
  if (options.by === 'frame') {
    rows = a.byFrame.map((s) => {
      const f = profile.frames[s.frame];
      return row(f.name, f.file, f.line, s.self, s.total);
    });
  } else if (options.by === 'function') {
    rows = a.byFunction.map((s) => row(s.name, s.file, s.firstLine, s.self, s.total));
  } else {
    // byFrame is sorted hottest first, so the first frame seen at a line names it.
    const nameAt = new Map<string, string>();
    for (const s of a.byFrame) {
      const f = profile.frames[s.frame];
      if (f.file === undefined || f.line === undefined) continue;
      const key = lineKey(f.file, f.line);
      if (!nameAt.has(key)) nameAt.set(key, f.name);
    }
    rows = a.byLine.map((s) =>
      row(nameAt.get(s.key) ?? `${s.file}:${s.line}`, s.file, s.line, s.self, s.total),
    );
  }
  const top = options.top > 0 ? rows.slice(0, options.top) : rows;
  for (const r of top) r.resolved = resolve(r.file ?? undefined);
  return {
    format: profile.meta.format,
    samples: profile.meta.sampleRecords,
    values: profile.valueTypes.map((v, i) => ({
      type: v.type,
      unit: v.unit,
      total: profile.totals[i],
    })),
    value: options.valueIndex,
    frames: profile.frames.length,
    ...(profile.meta.attributes ? { attributes: { ...profile.meta.attributes } } : {}),
    top,
  };
}

function row(
  name: string,
  file: string | undefined,
  line: number | undefined,
  self: number,
  total: number,
): SummaryRow {
  return { name, file: file ?? null, line: line ?? null, self, total, resolved: null };
}

/** `--value` as an index or a type name (`cpu`, `alloc_space`) or `type/unit`. */
export function pickValue(profile: Profile, spec: string | undefined): number | undefined {
  if (spec === undefined) return profile.defaultValue;
  if (/^\d+$/.test(spec)) {
    const i = Number(spec);
    return i < profile.valueTypes.length ? i : undefined;
  }
  const s = spec.toLowerCase();
  const i = profile.valueTypes.findIndex(
    (v) => v.type.toLowerCase() === s || `${v.type}/${v.unit}`.toLowerCase() === s,
  );
  return i >= 0 ? i : undefined;
}
