import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import { quoteForDisplay, splitCommandLine } from '../../src/capture/index';

// The command box of "Profile Python Command" is split into an argument array without a shell.
// POSIX sh is the reference: the same text must give the same words as `sh` would.

function shWords(text: string): string[] {
  const out = execFileSync('sh', ['-c', `for a in ${text}; do printf '%s\\0' "$a"; done`]);
  return out.toString('utf8').split('\0').slice(0, -1);
}

describe('capture: command lines', () => {
  const cases = [
    'python app.py --port 8000',
    `python "my app.py" 'a b'  c\\ d`,
    `python -c "print(\\"hi\\")"`,
    `python x.py '' "" end`,
    `python -m pkg.mod --name="two words"`,
  ];
  for (const text of cases) {
    it(`splits like sh: ${text}`, () => {
      assert.deepEqual(splitCommandLine(text), shWords(text));
    });
  }

  it('keeps shell operators literal instead of running them', () => {
    assert.deepEqual(splitCommandLine('python a.py ; rm -rf x | cat $HOME'), [
      'python',
      'a.py',
      ';',
      'rm',
      '-rf',
      'x',
      '|',
      'cat',
      '$HOME',
    ]);
  });

  it('rejects an unclosed quote', () => {
    assert.throws(() => splitCommandLine('python "app.py'), /unclosed " quote/);
  });

  it('quotes for display so that sh reads the same words back', () => {
    const args = ['python', 'my app.py', "it's", '', '--x=1'];
    assert.deepEqual(shWords(quoteForDisplay(args)), args);
  });
});
