import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { listWorkspaceFiles } from '../../src/cli/workspace-files';
import { PathResolver, type Resolution } from '../../src/mapping/path-map';

const FIXTURES = join(__dirname, '../../../test/fixtures/profiles');

function mapped(path: string, via: 'mapping' | 'exact' | 'suffix'): Resolution {
  return { kind: 'mapped', path, via };
}

describe('PathResolver on the fixture tree (paths from the real captures)', () => {
  let resolver: PathResolver;
  before(async () => {
    resolver = new PathResolver(await listWorkspaceFiles(FIXTURES), [], FIXTURES);
  });

  it('maps capture-time absolute paths by their unique suffix', () => {
    // py-spy speedscope, Go pprof: the build directory of another machine.
    assert.deepEqual(
      resolver.resolve('/srv/build/pyspy_simple/workload.py'),
      mapped('pyspy-own/src/workload.py', 'suffix'),
    );
    assert.deepEqual(
      resolver.resolve('/srv/build/go_pprof/main.go'),
      mapped('pprof-own-go/src/main.go', 'suffix'),
    );
  });

  it('maps py-spy raw short names and perf DWARF basenames', () => {
    assert.deepEqual(resolver.resolve('helpers.py'), mapped('pyspy-own/src/helpers.py', 'suffix'));
    assert.deepEqual(resolver.resolve('hot.c'), mapped('perf-own/src/hot.c', 'suffix'));
  });

  it('takes workspace-relative and absolute-under-root paths as exact matches', () => {
    assert.deepEqual(resolver.resolve('perf-own/src/hot.c'), mapped('perf-own/src/hot.c', 'exact'));
    assert.deepEqual(
      resolver.resolve(join(FIXTURES, 'pyspy-own/src/helpers.py')),
      mapped('pyspy-own/src/helpers.py', 'exact'),
    );
  });

  it('marks pseudo files and leaves library files unmapped', () => {
    for (const p of [
      '<frozen importlib._bootstrap>',
      '<string>',
      '?',
      '??',
      '[kernel.kallsyms]',
      'node:internal/timers',
      '',
    ]) {
      assert.deepEqual(resolver.resolve(p), { kind: 'unmapped', reason: 'pseudo' }, p);
    }
    for (const p of [
      '/usr/local/lib/python3.11/threading.py',
      'msort.c',
      '../sysdeps/x86_64/start.S',
    ]) {
      assert.deepEqual(resolver.resolve(p), { kind: 'unmapped', reason: 'not-found' }, p);
    }
  });
});

describe('PathResolver on a scratch workspace', () => {
  let root: string;
  let files: string[];
  const layout = [
    'svc/a/utils.py',
    'svc/b/utils.py',
    'svc/api.py',
    'tools/api.py',
    'src/analytics/stats.py',
    'src/other/stats.py',
    'scripts/run job.py',
    'glibc/sysdeps/x86_64/start.S',
    'p/svc/handler.py',
    'q/svc/handler.py',
    'mypkg/__init__.py',
    'vendor/requests/api.py',
    'internal/proc.go',
  ];
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'hl-paths-'));
    for (const f of layout) {
      mkdirSync(dirname(join(root, f)), { recursive: true });
      writeFileSync(join(root, f), '');
    }
    mkdirSync(join(root, 'node_modules/x'), { recursive: true });
    writeFileSync(join(root, 'node_modules/x/api.py'), '');
    files = await listWorkspaceFiles(root);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lists the files but not node_modules', () => {
    assert.deepEqual(files, [...layout].sort());
  });

  it('reports equally long candidates as ambiguous instead of guessing', () => {
    const r = new PathResolver(files, [], root);
    assert.deepEqual(r.resolve('utils.py'), {
      kind: 'ambiguous',
      candidates: ['svc/a/utils.py', 'svc/b/utils.py'],
    });
    assert.deepEqual(r.resolve('/srv/x/svc/handler.py'), {
      kind: 'ambiguous',
      candidates: ['p/svc/handler.py', 'q/svc/handler.py'],
    });
  });

  it('prefers the longest suffix: container paths and package-relative names', () => {
    const r = new PathResolver(files, [], root);
    assert.deepEqual(r.resolve('/app/svc/api.py'), mapped('svc/api.py', 'suffix'));
    assert.deepEqual(r.resolve('/app/svc/a/utils.py'), mapped('svc/a/utils.py', 'suffix'));
    assert.deepEqual(r.resolve('analytics/stats.py'), mapped('src/analytics/stats.py', 'suffix'));
    assert.deepEqual(
      r.resolve('../sysdeps/x86_64/start.S'),
      mapped('glibc/sysdeps/x86_64/start.S', 'suffix'),
    );
  });

  it('does not land library and package-relative paths on a same-named workspace file', () => {
    const r = new PathResolver(files, [], root);
    for (const p of [
      'json/__init__.py', // py-spy raw, stdlib package
      '/usr/local/lib/python3.11/json/__init__.py',
      '/usr/local/lib/python3.11/site-packages/urllib3/__init__.py',
      '/usr/local/go/src/runtime/proc.go',
      'lib/sysdeps/start.S',
    ]) {
      assert.deepEqual(r.resolve(p), { kind: 'unmapped', reason: 'not-found' }, p);
    }
    // The package part matches entirely: a vendored copy is the same file.
    assert.deepEqual(
      r.resolve('/usr/lib/python3/dist-packages/requests/api.py'),
      mapped('vendor/requests/api.py', 'suffix'),
    );
    assert.deepEqual(r.resolve('mypkg/__init__.py'), mapped('mypkg/__init__.py', 'exact'));
    assert.deepEqual(r.resolve('/srv/mypkg/__init__.py'), mapped('mypkg/__init__.py', 'suffix'));
  });

  it('handles spaces and Windows paths', () => {
    const r = new PathResolver(files, [], root);
    assert.deepEqual(r.resolve('/x/y/run job.py'), mapped('scripts/run job.py', 'suffix'));
    assert.deepEqual(r.resolve('C:\\srv\\app\\SVC\\Api.py'), mapped('svc/api.py', 'suffix'));
    const win = new PathResolver(files, [], 'C:\\work\\proj');
    assert.deepEqual(win.resolve('c:\\work\\proj\\tools\\api.py'), mapped('tools/api.py', 'exact'));
  });

  it('applies explicit mappings first, and only when the target exists', () => {
    const r = new PathResolver(
      files,
      [
        { from: '/app', to: '${workspaceFolder}/svc/b' },
        { from: 'c:\\build', to: 'svc/a' },
      ],
      root,
    );
    assert.deepEqual(r.resolve('/app/utils.py'), mapped('svc/b/utils.py', 'mapping'));
    assert.deepEqual(r.resolve('C:\\build\\utils.py'), mapped('svc/a/utils.py', 'mapping'));
    // The rewrite names no file, so the suffix rule still applies.
    assert.deepEqual(r.resolve('/app/svc/api.py'), mapped('svc/api.py', 'suffix'));
    // A prefix only matches whole components.
    assert.deepEqual(r.resolve('/application/utils.py').kind, 'ambiguous');
  });

  it('follows files added and removed by a watcher', () => {
    const r = new PathResolver(files, [], root);
    assert.equal(r.resolve('utils.py').kind, 'ambiguous');
    r.removeFile('svc/b/utils.py');
    assert.deepEqual(r.resolve('utils.py'), mapped('svc/a/utils.py', 'suffix'));
    r.addFile('lib/new_mod.py');
    assert.deepEqual(r.resolve('/deploy/lib/new_mod.py'), mapped('lib/new_mod.py', 'suffix'));
    r.addFile('svc/b/utils.py');
    assert.equal(r.resolve('utils.py').kind, 'ambiguous');
  });
});
