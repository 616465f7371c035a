// The Node demo's slow spots: a CPU-heavy loop (computeReport) and a slow lookup (lookupPrices).
const { Sentry } = require('./instrument');
const { codeLocation } = require('./code-location');

function computeReport(n) {
  return Sentry.startSpan(
    { name: 'computeReport', op: 'function', attributes: codeLocation('computeReport') },
    () => {
      // Deliberately CPU-heavy: cost grows with n.
      let checksum = 0;
      for (let i = 0; i < n * 300000; i++) checksum = (checksum * 31 + i) % 1000003;
      return { n, checksum };
    },
  );
}

function formatReport(report) {
  return Sentry.startSpan({ name: 'formatReport', op: 'function' }, () =>
    Object.entries(report)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );
}

function lookupPrices(count) {
  return Sentry.startSpan(
    { name: 'lookupPrices', op: 'function', attributes: codeLocation('lookupPrices') },
    // Stands in for a slow remote price service.
    () => new Promise((resolve) => setTimeout(() => resolve(count * 4.9), 25 + (count % 5) * 10)),
  );
}

module.exports = { computeReport, formatReport, lookupPrices };
