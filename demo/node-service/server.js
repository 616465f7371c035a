// Demo shop Node service for Hotspot Lens. Routes: /report/:n, /prices/:n, /health.
const { Sentry } = require('./instrument');
const http = require('node:http');
const { computeReport, formatReport, lookupPrices } = require('./reports');

function nameTransaction(route) {
  // Without a framework router the Http integration names the span after the raw URL; a route
  // name groups requests like Express's would.
  const active = Sentry.getActiveSpan();
  if (active) Sentry.updateSpanName(Sentry.getRootSpan(active), route);
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  let m;
  if ((m = /^\/report\/(\d+)$/.exec(url.pathname))) {
    nameTransaction('GET /report/:n');
    return res.end(formatReport(computeReport(Number(m[1]))));
  }
  if ((m = /^\/prices\/(\d+)$/.exec(url.pathname))) {
    nameTransaction('GET /prices/:n');
    return res.end(String(await lookupPrices(Number(m[1]))));
  }
  if (url.pathname === '/health') return res.end('ok');
  res.statusCode = 404;
  return res.end('not found');
}

const port = Number(process.env.PORT || 5078);
const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => {
    res.statusCode = 500;
    res.end(String(err));
  });
});
server.listen(port, '127.0.0.1', () => console.log(`shop-node listening on 127.0.0.1:${port}`));

process.on('SIGTERM', () => {
  // Flush the buffered spans before exiting.
  server.close();
  Sentry.close(5000).then(() => process.exit(0));
});
