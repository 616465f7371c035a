import { ProfileBuilder } from '../builder';
import type { Profile } from '../model';
import type { ProfileSource } from '../source';
import { detach } from '../text/lines';
import { SNIFF_BYTES, type ImportOptions, type Importer } from './importer';
import { headLines, readFoldedStacks, splitFoldedLine } from './text-stack/folded';
import { looksLikePySpyFrame, parsePySpyFrame } from './text-stack/py-spy-frame';

/**
 * py-spy `record -f raw` (docs/formats.md §1.2): folded stacks whose frames are
 * `func (file:line)`. Thread and process pseudo-frames become builder threads (so a view can
 * pick one) and also stay in the stack; a stack without them belongs to thread 0, "all".
 */
export const pySpyRawImporter: Importer = {
  format: 'pyspy-raw',

  detectName(fileName) {
    return /\.(json|pb|pb\.gz|prof|pprof|gz)$/i.test(fileName) ? false : undefined;
  },

  detectContent(head, headText) {
    const lines = headLines(head, headText, SNIFF_BYTES).filter((l) => !l.startsWith('#'));
    if (lines.length === 0) return undefined;
    let valid = 0;
    let withFrames = 0;
    let pySpyLike = 0;
    for (const line of lines) {
      const parsed = splitFoldedLine(line);
      if (!parsed) continue;
      valid++;
      if (parsed.stack === '') continue;
      withFrames++;
      if (parsed.stack.split(';').every(looksLikePySpyFrame)) pySpyLike++;
    }
    if (valid * 2 < lines.length) return false;
    if (withFrames === 0) return undefined;
    return pySpyLike * 2 >= withFrames;
  },

  async importProfile(source: ProfileSource, options: ImportOptions): Promise<Profile | null> {
    const builder = new ProfileBuilder({
      format: 'pyspy-raw',
      name: source.name,
      tool: 'py-spy',
      valueTypes: [{ type: 'samples', unit: 'count' }],
    });
    // Thread 0 is the "all" bucket for stacks without a thread or process frame.
    builder.internThread('all', { name: 'all' });
    const ids = new Map<string, number>();
    const threadOfFrame = new Map<number, number>();
    let pySpyFrames = 0;
    let frames = 0;
    const stats = await readFoldedStacks(source, options, builder, {
      frame(text) {
        let id = ids.get(text);
        if (id === undefined) {
          const frame = parsePySpyFrame(detach(text));
          const { id: osId, ...rest } = frame;
          id = builder.internFrame(rest);
          ids.set(text, id);
          frames++;
          if (frame.file !== undefined || frame.module !== undefined || osId !== undefined) {
            pySpyFrames++;
          }
          if (frame.kind === 'process') {
            threadOfFrame.set(
              id,
              builder.internThread(`process ${osId}`, {
                name: `Process ${osId} ${frame.name.slice(frame.name.indexOf(':') + 1)}`,
                pid: osId,
              }),
            );
          } else if (frame.kind === 'thread') {
            const label = frame.name.slice(frame.name.indexOf(')') + 1).replace(/^: /, '');
            threadOfFrame.set(
              id,
              builder.internThread(`thread ${osId}`, {
                name: label ? `Thread ${osId} "${label}"` : `Thread ${osId}`,
                tid: osId,
              }),
            );
          }
        }
        return id;
      },
      emptyStack: () => builder.internFrame({ name: '<no Python frames>', kind: 'other' }),
      thread(stack, length) {
        // Pseudo-frames are the outermost frames: process(es) first, then the thread.
        let thread = 0;
        for (let i = 0; i < length; i++) {
          const t = threadOfFrame.get(stack[i]);
          if (t === undefined) break;
          thread = t;
        }
        return thread;
      },
    });
    // Plain folded stacks that merely passed the sniffer belong to the collapsed importer.
    if (stats.stackLines === 0 || (frames > 0 && pySpyFrames === 0)) return null;
    return builder.build();
  },
};
