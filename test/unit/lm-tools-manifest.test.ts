import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { languageModelTools } from '../../src/assist/lm-manifest';
import { ASSIST_TOOLS } from '../../src/assist/registry';
import { assistToolName } from '../../src/assist/tool-names';
import { MCP_PROVIDER_ID } from '../../src/editor/assist/mcp-launch';

// package.json's `contributes.languageModelTools` is what VS Code shows and hands the model; the
// tool table (src/assist/registry.ts) is what runs. These hold the two equal, so a schema or a
// description cannot change on one side only. `UPDATE_MANIFEST=1` writes the table's version
// into package.json (JSON.stringify with 2 spaces is how Prettier formats package.json).

const PKG_PATH = join(__dirname, '..', '..', '..', 'package.json');

interface Pkg {
  contributes: {
    languageModelTools?: unknown[];
    mcpServerDefinitionProviders?: { id: string; label: string }[];
  };
}

describe('language-model tools in package.json', () => {
  const expected = languageModelTools();
  let pkg: Pkg = JSON.parse(readFileSync(PKG_PATH, 'utf8')) as Pkg;

  before(() => {
    if (!process.env.UPDATE_MANIFEST) return;
    pkg.contributes.languageModelTools = expected;
    writeFileSync(PKG_PATH, JSON.stringify(pkg, null, 2) + '\n');
    pkg = JSON.parse(readFileSync(PKG_PATH, 'utf8')) as Pkg;
  });

  it('equal the tool table: names, descriptions and input schemas', () => {
    assert.deepEqual(
      pkg.contributes.languageModelTools,
      expected,
      'package.json drifted from src/assist: run `npm run compile && UPDATE_MANIFEST=1 npx mocha out/test/unit/lm-tools-manifest.test.js`',
    );
  });

  it('name every tool of the table once, each with a reference name, an icon and texts', () => {
    const names = expected.map((t) => assistToolName(t.name));
    assert.deepEqual(
      names,
      ASSIST_TOOLS.map((t) => t.name),
    );
    const refs = expected.map((t) => t.toolReferenceName);
    assert.equal(new Set(refs).size, refs.length, 'two tools share a reference name');
    for (const t of expected) {
      assert.match(t.toolReferenceName, /^[A-Za-z][\w]*$/, `${t.name}: reference name`);
      assert.match(t.icon, /^\$\([a-z-]+\)$/, `${t.name}: icon`);
      assert.ok(t.modelDescription.length > 80, `${t.name}: modelDescription too short`);
      assert.ok(t.userDescription.length > 20, `${t.name}: userDescription`);
      assert.equal(t.inputSchema.type, 'object');
      for (const [p, s] of Object.entries(t.inputSchema.properties))
        assert.ok(s.description.length > 10, `${t.name}.${p} has no description`);
    }
  });

  it('contribute the MCP server provider the editor registers', () => {
    assert.deepEqual(
      pkg.contributes.mcpServerDefinitionProviders?.map((p) => p.id),
      [MCP_PROVIDER_ID],
    );
  });
});
