// Entry point the extension host loads through `extensionTestsPath` (see ../run-ext-tests.mjs):
// runs mocha inside the real (remote, Node) extension host, so the tests use the real `vscode` API.
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

module.exports.run = function run() {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // Machine-readable summary; run-ext-tests.mjs re-prints it as `ext-tests: N passed, N failed`.
      console.log(
        `EXT-TESTS-SUMMARY ${runner.stats.passes} passed, ${runner.stats.failures} failed`,
      );
      if (failures) reject(new Error(`${failures} tests failed.`));
      else resolve();
    });
  });
};
