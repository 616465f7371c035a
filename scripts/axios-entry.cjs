// Entry of dist/axios.js, the on-demand bundle the extension requires when it first talks to
// Sentry (see scripts/build.mjs).
module.exports = require('axios');
