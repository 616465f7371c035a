// Cursor pagination as Sentry does it: a Link header built by `build_cursor_link`
// (getsentry/sentry src/sentry/api/base.py), one entry per direction, each with
// `rel="next"|"previous"; results="true"|"false"; cursor="0:100:0"`. Both entries are always
// present, so "is there more" is the `results` attribute, not the presence of `next`. We read the
// cursor attribute rather than the URL, as sentry-api-schema's parseSentryLinkHeader does.

export interface LinkEntry {
  readonly url: string;
  readonly rel: string;
  readonly results: boolean;
  readonly cursor?: string;
}

export function parseLinkHeader(header: string | undefined): LinkEntry[] {
  if (!header) return [];
  const entries: LinkEntry[] = [];
  // Entries are separated by commas outside <…>; URLs may contain commas (field=tags[a,number]).
  const re = /<([^>]*)>((?:\s*;\s*[a-zA-Z_]+\s*=\s*"[^"]*")*)/g;
  for (let m = re.exec(header); m; m = re.exec(header)) {
    const attrs: Record<string, string> = {};
    const attrRe = /([a-zA-Z_]+)\s*=\s*"([^"]*)"/g;
    for (let a = attrRe.exec(m[2]); a; a = attrRe.exec(m[2])) attrs[a[1].toLowerCase()] = a[2];
    if (!attrs.rel) continue;
    entries.push({
      url: m[1],
      rel: attrs.rel,
      results: attrs.results === 'true',
      cursor: attrs.cursor ?? cursorFromUrl(m[1]),
    });
  }
  return entries;
}

function cursorFromUrl(url: string): string | undefined {
  const match = /[?&]cursor=([^&]*)/.exec(url);
  return match ? decodeURIComponent(match[1]) : undefined;
}

/** The cursor of the next page, or undefined when Sentry says there are no more results. */
export function nextCursor(header: string | undefined): string | undefined {
  const next = parseLinkHeader(header).find((e) => e.rel === 'next');
  return next && next.results && next.cursor ? next.cursor : undefined;
}

/** Upper bound on pages per query: 10 × 100 rows is far more code locations than a lens needs. */
export const DEFAULT_MAX_PAGES = 10;
