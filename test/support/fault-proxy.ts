// A fault-injecting HTTP proxy on 127.0.0.1 for the Sentry client tests: it forwards to an
// upstream (the fake Sentry) and damages answers on request: delays, hangs, connection resets
// before the answer or in the middle of the body, truncated or invalid JSON, HTML error pages,
// and any status with any headers (429 storms, 5xx bursts). It counts what it injected.

import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'http';
import type { AddressInfo } from 'net';

export type Fault =
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'hang' }
  | { readonly kind: 'reset-before-answer' }
  | { readonly kind: 'reset-mid-body' }
  | { readonly kind: 'truncated-json' }
  | { readonly kind: 'invalid-json' }
  | { readonly kind: 'html'; readonly status: number }
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly headers?: Record<string, string>;
      readonly body?: string;
    };

interface Upstream {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

const HTML_PAGE = (status: number): string =>
  `<!DOCTYPE html><html><head><title>${status} Bad Gateway</title></head>` +
  `<body><h1>${status}</h1><p>The upstream server is not reachable.</p><hr>nginx</body></html>`;

export class FaultProxy {
  /** Every request the proxy received (path with query), for "no token in a URL" checks. */
  readonly urls: string[] = [];
  readonly injected = new Map<Fault['kind'], number>();
  private readonly queue: Fault[] = [];
  private persistent: Fault | undefined;
  private server?: Server;

  constructor(private readonly upstream: string) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  get faultCount(): number {
    return [...this.injected.values()].reduce((a, b) => a + b, 0);
  }

  async start(): Promise<this> {
    // An upstream failure must not become an unhandled rejection in the test process.
    this.server = createServer((req, res) => this.handle(req, res).catch(() => res.destroy()));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** One-shot faults, used by the next requests in order; then requests pass through. */
  next(...faults: Fault[]): void {
    this.queue.push(...faults);
  }

  /** One-shot faults not used yet. */
  get pending(): number {
    return this.queue.length;
  }

  /** Drops the oldest unused one-shot fault. */
  skip(): void {
    this.queue.shift();
  }

  /** A fault for every request until cleared with `always(undefined)` (storms, outages). */
  always(fault: Fault | undefined): void {
    this.persistent = fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.urls.push(req.url ?? '');
    const fault = this.queue.shift() ?? this.persistent;
    if (fault) this.injected.set(fault.kind, (this.injected.get(fault.kind) ?? 0) + 1);
    switch (fault?.kind) {
      case 'hang':
        return; // the client's timeout ends it; stop() closes the socket
      case 'reset-before-answer':
        req.socket.resetAndDestroy();
        return;
      case 'html':
        res.writeHead(fault.status, { 'Content-Type': 'text/html' });
        res.end(HTML_PAGE(fault.status));
        return;
      case 'status':
        res.writeHead(fault.status, { 'Content-Type': 'application/json', ...fault.headers });
        res.end(fault.body ?? '{"detail":"injected"}');
        return;
      case 'invalid-json':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"data": [{"span.op": "db", NaN}');
        return;
      case 'delay':
        await new Promise((r) => setTimeout(r, fault.ms));
        break;
    }
    const up = await this.forward(req);
    if (res.destroyed) return;
    const headers = { ...up.headers };
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    if (fault?.kind === 'truncated-json') {
      // A complete HTTP answer whose JSON stops half-way (a proxy cut it, Content-Length agrees).
      const half = up.body.subarray(0, Math.floor(up.body.length / 2));
      res.writeHead(up.status, { ...headers, 'content-length': String(half.length) });
      res.end(half);
      return;
    }
    if (fault?.kind === 'reset-mid-body') {
      // Headers promise the whole body; the connection dies after half of it.
      res.writeHead(up.status, { ...headers, 'content-length': String(up.body.length) });
      res.write(up.body.subarray(0, Math.floor(up.body.length / 2)), () =>
        req.socket.resetAndDestroy(),
      );
      return;
    }
    res.writeHead(up.status, headers);
    res.end(up.body);
  }

  private forward(req: IncomingMessage): Promise<Upstream> {
    const target = new URL(req.url ?? '/', this.upstream);
    return new Promise((resolve, reject) => {
      const out = request(
        target,
        { method: req.method, headers: { ...req.headers, host: target.host } },
        (up) => {
          const parts: Buffer[] = [];
          up.on('data', (d: Buffer) => parts.push(d));
          up.on('end', () =>
            resolve({
              status: up.statusCode ?? 502,
              headers: up.headers,
              body: Buffer.concat(parts),
            }),
          );
          up.on('error', reject);
        },
      );
      out.on('error', reject);
      req.pipe(out);
    });
  }
}
