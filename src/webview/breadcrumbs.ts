import type { Layout } from '../core/layout';
import type { FlameModel } from './model';

/**
 * The path from the outermost frame to the zoomed-in rect; clicking a crumb zooms out to it.
 * Crumbs are buttons whose labels are set with textContent, never markup.
 */
export class Breadcrumbs {
  readonly root = document.createElement('nav');

  constructor(private readonly onPick: (rect: number) => void) {
    this.root.className = 'breadcrumbs';
    this.root.setAttribute('aria-label', 'Zoom path');
  }

  update(model: FlameModel, layout: Layout, focus: number): void {
    const path: number[] = [];
    for (let r = focus; r >= 0 && r < layout.count; r = layout.parent[r]) path.push(r);
    path.reverse();
    const crumb = (label: string, rect: number, current: boolean) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'crumb';
      b.textContent = label;
      if (current) b.setAttribute('aria-current', 'location');
      b.addEventListener('click', () => this.onPick(rect));
      return b;
    };
    const items: HTMLElement[] = [crumb(model.data.name || 'all', -1, path.length === 0)];
    for (const [k, r] of path.entries()) {
      const sep = document.createElement('span');
      sep.className = 'sep';
      sep.textContent = '›';
      items.push(sep, crumb(model.names[layout.frame[r]], r, k === path.length - 1));
    }
    this.root.replaceChildren(...items);
  }
}
