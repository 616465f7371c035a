// Only the components used are imported (not the whole library), to keep dist/webview.js small.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { LayoutView } from '../core/layout';

export interface ControlValues {
  view: LayoutView;
  icicle: boolean;
  thread: number;
  onlyMine: boolean;
  search: string;
  /** While comparing: lay out the baseline's own shape instead of the new profile's. */
  baseline: boolean;
}

interface ValueElement extends HTMLElement {
  value: string;
  checked: boolean;
  disabled: boolean;
}

function el<T extends HTMLElement = ValueElement>(tag: string, attrs: Record<string, string> = {}) {
  const e = document.createElement(tag) as T;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** The toolbar. All text goes in through textContent or attributes, never markup. */
export class Controls {
  readonly root = el<HTMLElement>('div', { class: 'toolbar', role: 'toolbar' });
  readonly search = el('vscode-textfield', {
    placeholder: 'Search (regex)  /',
    'aria-label': 'Search frames by regular expression',
    class: 'search',
  });
  readonly searchInfo = el<HTMLElement>('span', { class: 'search-info', 'aria-live': 'polite' });
  private readonly view = el('vscode-single-select', { 'aria-label': 'View', class: 'view' });
  private readonly thread = el('vscode-single-select', { 'aria-label': 'Thread' });
  private readonly icicle = el('vscode-checkbox', { label: 'Icicle' });
  private readonly onlyMine = el('vscode-checkbox', { label: 'Only my code' });
  private readonly baseline = el('vscode-checkbox', { label: 'Baseline shape', class: 'shape' });
  readonly reset = el<HTMLElement>('vscode-button', { secondary: '', class: 'reset' });

  constructor(onChange: (values: ControlValues) => void) {
    this.reset.textContent = 'Reset zoom';
    this.onlyMine.title = 'Hide frames whose file is not in the workspace';
    this.baseline.title =
      "Show the baseline profile's own call tree, coloured by the same change (removed code shows)";
    this.baseline.hidden = true;
    const changed = () => onChange(this.values());
    for (const c of [this.view, this.thread, this.icicle, this.onlyMine, this.baseline]) {
      c.addEventListener('change', changed);
    }
    this.search.addEventListener('input', changed);
    this.root.append(
      this.view,
      this.icicle,
      this.thread,
      this.onlyMine,
      this.baseline,
      this.search,
      this.searchInfo,
      this.reset,
    );
  }

  /** Fills the pickers for a newly received profile. */
  setOptions(
    threads: readonly string[],
    hasTimeline: boolean,
    anyInWorkspace: boolean,
    values: ControlValues,
    comparing = false,
  ): void {
    const views: [LayoutView, string][] = [
      ['flame', 'Call tree (by name)'],
      ['left-heavy', 'Left heavy'],
      ['sandwich', 'Sandwich (selected function)'],
    ];
    if (hasTimeline) views.splice(2, 0, ['time', 'Time order']);
    this.fill(this.view, views, values.view);
    this.fill(
      this.thread,
      [['-1', 'All threads'], ...threads.map((t, i): [string, string] => [String(i), t])],
      String(values.thread),
    );
    this.thread.hidden = threads.length < 2;
    this.onlyMine.disabled = !anyInWorkspace;
    this.baseline.hidden = !comparing;
    this.set(values);
  }

  /** Options carry `selected` because the select reads its value once its slot has settled. */
  private fill(select: ValueElement, options: [string, string][], current: string): void {
    select.replaceChildren(
      ...options.map(([value, label]) => {
        const o = el<HTMLElement>(
          'vscode-option',
          value === current ? { value, selected: '' } : { value },
        );
        o.textContent = label;
        return o;
      }),
    );
  }

  set(values: ControlValues): void {
    this.view.value = values.view;
    this.thread.value = String(values.thread);
    this.icicle.checked = values.icicle;
    this.onlyMine.checked = values.onlyMine;
    this.baseline.checked = values.baseline;
    if (this.search.value !== values.search) this.search.value = values.search;
  }

  values(): ControlValues {
    const thread = Number(this.thread.value);
    return {
      view: (this.view.value || 'flame') as LayoutView,
      icicle: this.icicle.checked,
      thread: Number.isInteger(thread) ? thread : -1,
      onlyMine: this.onlyMine.checked,
      search: this.search.value ?? '',
      baseline: this.baseline.checked && !this.baseline.hidden,
    };
  }

  focusSearch(): void {
    this.search.focus();
  }
}
