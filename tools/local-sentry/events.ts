// GET /api/0/organizations/{org}/events/?dataset=spans — the table endpoint
// (organization_events.py), answering in the shape of test/fixtures/sentry/events.*.json.
import { aggregateRows, QueryError, sampleRows, sortRows, type Row } from './aggregate';
import { PROJECTS, projectBySlugOrId } from './config';
import { columnMeta, isAggregate } from './fields';
import {
  ApiError,
  djangoQuery,
  linkHeader,
  parseCursor,
  parsePerPage,
  timeWindow,
  type Reply,
} from './http-util';
import { parseSearch, SearchError } from './search';
import type { SpanStore } from './store';

const MAX_FIELDS = 20;
/** Bytes a real scan would report per span; only used to make bytesScanned plausible. */
const BYTES_PER_SPAN = 512;

function selectedProjects(q: URLSearchParams): Set<string> | null {
  const wanted = q.getAll('project').filter((p) => p !== '-1');
  if (wanted.length === 0) return new Set(PROJECTS.map((p) => p.id));
  const found = wanted.map(projectBySlugOrId).filter((p) => p !== undefined);
  return found.length === 0 ? null : new Set(found.map((p) => p.id));
}

function meta(fields: string[], rows: Row[], aggregates: string[], scanned: number): unknown {
  return {
    fields: Object.fromEntries(fields.map((f) => [f, columnMeta(f).type])),
    units: Object.fromEntries(fields.map((f) => [f, columnMeta(f).unit])),
    isMetricsData: false,
    isMetricsExtractedData: false,
    tips: {},
    datasetReason: 'unchanged',
    dataset: 'spans',
    dataScanned: 'full',
    bytesScanned: scanned * BYTES_PER_SPAN,
    // Every span is stored (no sampling, no extrapolation), so confidence is always high.
    accuracy: {
      confidence: rows.map(() => Object.fromEntries(aggregates.map((a) => [a, 'high']))),
    },
  };
}

export interface EventsContext {
  store: SpanStore;
  /** Absolute URL of this request without its query string, for the Link header. */
  uri: string;
  nowS: number;
}

export function handleEvents(q: URLSearchParams, ctx: EventsContext): Reply {
  const dataset = q.get('dataset');
  if (dataset !== 'spans') {
    throw new ApiError(400, `dataset must be spans on this server, got ${JSON.stringify(dataset)}`);
  }
  const requested = q.getAll('field');
  if (requested.length === 0) throw new ApiError(400, 'No columns selected');
  if (requested.length > MAX_FIELDS) {
    throw new ApiError(
      400,
      'You can view up to 20 fields at a time. Please delete some and try again.',
    );
  }
  const [start, end] = timeWindow(q, ctx.nowS);
  const perPage = parsePerPage(q);
  const offset = parseCursor(q.get('cursor'));
  const projects = selectedProjects(q);
  if (projects === null) {
    return {
      status: 200,
      body: { data: [], meta: { tips: { query: 'Need at least one valid project to query.' } } },
    };
  }
  const envs = new Set(q.getAll('environment'));
  const aggregates = requested.filter(isAggregate);
  // Sample queries get `id` and `project.name` added, like the real endpoint's auto_fields.
  const fields =
    aggregates.length > 0
      ? requested
      : [...requested, ...['id', 'project.name'].filter((f) => !requested.includes(f))];
  try {
    const predicate = parseSearch(q.get('query') ?? '');
    const spans = ctx.store
      .all()
      .filter(
        (s) =>
          projects.has(s.projectId) &&
          (envs.size === 0 || envs.has(s.environment)) &&
          s.end >= start &&
          s.end <= end &&
          predicate(s, ctx.store),
      );
    const all =
      aggregates.length > 0
        ? aggregateRows(spans, fields, ctx.store)
        : sampleRows(spans, fields, ctx.store);
    const sorted = sortRows(all, q.get('sort') ?? q.get('orderby') ?? undefined, fields);
    const page = sorted.slice(offset, offset + perPage);
    const uri = `${ctx.uri}?${djangoQuery(q)}`;
    const link = linkHeader(
      uri,
      { cursor: `0:${Math.max(0, offset - perPage)}:1`, results: offset > 0 },
      { cursor: `0:${offset + perPage}:0`, results: offset + perPage < sorted.length },
    );
    return {
      status: 200,
      headers: q.get('noPagination') ? {} : { Link: link },
      body: { data: page, meta: meta(fields, page, aggregates, spans.length) },
    };
  } catch (err) {
    if (err instanceof SearchError || err instanceof QueryError)
      throw new ApiError(400, err.message);
    throw err;
  }
}
