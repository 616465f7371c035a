import { ProfileBuilder } from '../../src/core/builder';
import { toFlameData } from '../../src/core/layout/flame-data';
import type { Frame, Profile } from '../../src/core/model';
import type { FlameData } from '../../src/protocol';

/** A profile from folded stacks ("a;b;c 3"); frames are `name@file:line` when written so. */
export function profileOf(name: string, folded: string): Profile {
  const b = new ProfileBuilder({
    format: 'collapsed',
    name,
    valueTypes: [{ type: 'samples', unit: 'count' }],
  });
  for (const line of folded.trim().split('\n')) {
    const at = line.lastIndexOf(' ');
    const stack = line
      .slice(0, at)
      .split(';')
      .map((part) => {
        const m = /^(.*)@(.*):(\d+)$/s.exec(part);
        const frame: Frame = m
          ? { name: m[1], file: m[2], line: Number(m[3]), kind: 'python' }
          : { name: part, kind: 'other' };
        return b.internFrame(frame);
      });
    b.addStack(stack, stack.length, false, Number(line.slice(at + 1)));
  }
  return b.build();
}

export function flameOf(profile: Profile, inWorkspace: (file: string) => boolean = () => true) {
  return toFlameData(profile, profile.defaultValue, (id) => {
    const file = profile.frames[id].file;
    return file !== undefined && inWorkspace(file);
  });
}

/** Two root frames: alpha takes the left 75% of the bottom row, beta the right 25%. */
export function twoRoots(): FlameData {
  return flameOf(
    profileOf('two-roots', 'alpha@app.py:1;work@app.py:5 3\nbeta@lib.py:9 1'),
    (f) => f === 'app.py',
  );
}
