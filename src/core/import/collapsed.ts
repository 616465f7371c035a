import { ProfileBuilder } from '../builder';
import { ImportError } from '../errors';
import type { FrameKind, Profile } from '../model';
import type { ProfileSource } from '../source';
import { detach } from '../text/lines';
import { SNIFF_BYTES, type ImportOptions, type Importer } from './importer';
import { headLines, readFoldedStacks, splitFoldedLine } from './text-stack/folded';

/**
 * Brendan Gregg's collapsed/folded stacks (docs/formats.md §6): `root;caller;leaf count`.
 * Frame names are kept exactly as written (stackcollapse annotations such as `_[k]` included);
 * the only interpretation is the kernel annotation, which sets the frame kind.
 */
export const collapsedImporter: Importer = {
  format: 'collapsed',

  detectName(fileName) {
    const name = fileName.toLowerCase();
    if (/\.(folded|collapsed|stacks)(\.txt)?$|collapsed|folded/.test(name)) return true;
    if (/\.(json|pb|pb\.gz|prof|pprof|gz)$/.test(name)) return false;
    return undefined;
  },

  detectContent(head, headText) {
    const lines = headLines(head, headText, SNIFF_BYTES).filter((l) => !l.startsWith('#'));
    if (lines.length === 0) return undefined;
    const valid = lines.filter((l) => splitFoldedLine(l) !== undefined).length;
    // No valid line at all: not sure (a `.folded` name may still claim it, to report why).
    if (valid === 0) return undefined;
    return valid * 2 >= lines.length;
  },

  async importProfile(source: ProfileSource, options: ImportOptions): Promise<Profile | null> {
    const builder = new ProfileBuilder({
      format: 'collapsed',
      name: source.name,
      valueTypes: [{ type: 'samples', unit: 'count' }],
    });
    const ids = new Map<string, number>();
    const stats = await readFoldedStacks(source, options, builder, {
      frame(text) {
        let id = ids.get(text);
        if (id === undefined) {
          id = builder.internFrame({ name: detach(text), kind: kindOf(text) });
          ids.set(text, id);
        }
        return id;
      },
      emptyStack: () => builder.internFrame({ name: '[empty stack]', kind: 'other' }),
    });
    if (stats.stackLines === 0) {
      // Only a file that claims to be folded stacks by its name is "mine but broken"; anything
      // else is left to the caller's "not a supported profile" message.
      if (collapsedImporter.detectName(source.name) !== true) return null;
      throw new ImportError('collapsed', 'no line has the form "frame;frame;… count"', {
        line: stats.firstInvalidLine,
      });
    }
    const austin = stats.comments.get('austin');
    if (austin !== undefined) builder.setTool(`austin@${austin}`);
    return builder.build();
  },
};

function kindOf(name: string): FrameKind {
  return name.endsWith('_[k]') ? 'kernel' : 'native';
}
