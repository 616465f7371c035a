import type { Layout } from '../core/layout';
import type { FlameModel } from './model';

/**
 * Callers kept on each side of the elision: the outermost one (where the stack starts) and the
 * innermost ones next to the current frame, which are the ones a reader asks about ("who called
 * this?"). A deep Python stack otherwise shrinks 15+ crumbs to one letter each.
 */
const KEEP_OUTER = 1;
const KEEP_INNER = 2;
/** Labels up to this many characters are never cut. */
const SHORT = 6;

/**
 * The path from the outermost frame to the zoomed-in rect; clicking a crumb zooms out to it.
 * Long paths elide their middle into a `…` button that lists the hidden callers on hover and
 * shows them all when clicked. Crumbs are buttons whose labels are set with textContent, never
 * markup; the full name is the title, since a crumb may be cut with an ellipsis.
 */
export class Breadcrumbs {
  readonly root = document.createElement('nav');
  private expanded = false;
  private last: { model: FlameModel; layout: Layout; focus: number } | undefined;

  constructor(private readonly onPick: (rect: number) => void) {
    this.root.className = 'breadcrumbs';
    this.root.setAttribute('aria-label', 'Zoom path');
  }

  update(model: FlameModel, layout: Layout, focus: number): void {
    if (this.last && (this.last.layout !== layout || this.last.focus !== focus))
      this.expanded = false;
    this.last = { model, layout, focus };
    const path: number[] = [];
    for (let r = focus; r >= 0 && r < layout.count; r = layout.parent[r]) path.push(r);
    path.reverse();
    const crumb = (label: string, rect: number, current: boolean) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'crumb';
      b.textContent = label;
      b.title = label;
      // A short name never shrinks; a long one is cut to no less than 5em (style.css).
      if (label.length <= SHORT) b.classList.add('short');
      if (current) b.setAttribute('aria-current', 'location');
      b.addEventListener('click', () => this.onPick(rect));
      return b;
    };
    const sep = () => {
      const s = document.createElement('span');
      s.className = 'sep';
      s.textContent = '›';
      return s;
    };
    const name = (r: number) => model.names[layout.frame[r]];
    const items: HTMLElement[] = [crumb(model.data.name || 'all', -1, path.length === 0)];
    const elide = !this.expanded && path.length > KEEP_OUTER + KEEP_INNER + 2;
    const hidden = elide ? path.slice(KEEP_OUTER, path.length - KEEP_INNER - 1) : [];
    for (const [k, r] of path.entries()) {
      if (elide && k === KEEP_OUTER) {
        const more = document.createElement('button');
        more.type = 'button';
        more.className = 'crumb elided';
        more.textContent = `… ${hidden.length} more`;
        more.title = hidden.map(name).join('\n› ');
        more.setAttribute('aria-label', `${hidden.length} more callers: show them`);
        more.addEventListener('click', () => {
          this.expanded = true;
          this.root.classList.add('expanded');
          this.update(model, layout, focus);
        });
        items.push(sep(), more);
      }
      if (hidden.includes(r)) continue;
      items.push(sep(), crumb(name(r), r, k === path.length - 1));
    }
    this.root.classList.toggle('expanded', this.expanded);
    this.root.replaceChildren(...items);
  }
}
