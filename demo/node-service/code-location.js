// @sentry/node sets no code.* attributes itself (see docs/sentry-api.md §7.3), so the demo
// adds them by hand, taken from the caller's stack frame so they stay right when lines move.
const path = require('node:path');

function codeLocation(functionName) {
  const frames = (new Error().stack || '').split('\n').slice(2);
  const match =
    /\((.*):(\d+):\d+\)$/.exec(frames[0] || '') || /at (.*):(\d+):\d+$/.exec(frames[0] || '');
  if (!match) return { 'code.function': functionName };
  return {
    'code.function': functionName,
    'code.filepath': path.relative(__dirname, match[1]).split(path.sep).join('/'),
    'code.lineno': Number(match[2]),
  };
}

module.exports = { codeLocation };
