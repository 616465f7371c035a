import * as vscode from 'vscode';
import type { Settings } from '../config';

// The choices of the last capture, per workspace (workspaceState), offered as the defaults of
// the next one: py-spy flags, sampling rate and duration.

const KEY = 'hotspotLens.capture.lastOptions';

export interface RememberedOptions {
  readonly native: boolean;
  readonly idle: boolean;
  readonly gil: boolean;
  readonly subprocesses: boolean;
  readonly rateHz: number;
  /** Seconds, or undefined for "until I stop it". */
  readonly durationSeconds: number | undefined;
}

export function rememberedOptions(state: vscode.Memento, settings: Settings): RememberedOptions {
  const c = settings.capture;
  const defaults: RememberedOptions = {
    native: c.native,
    idle: c.idle,
    gil: false,
    subprocesses: c.subprocesses,
    rateHz: c.rateHz,
    durationSeconds: c.durationSeconds,
  };
  return { ...defaults, ...state.get<Partial<RememberedOptions>>(KEY, {}) };
}

type FlagItem = vscode.QuickPickItem & {
  flag?: 'native' | 'idle' | 'gil' | 'subprocesses' | 'rate';
};

/** py-spy flags and rate; undefined when the user dismissed the picker. */
export async function pickPySpyOptions(
  state: vscode.Memento,
  settings: Settings,
): Promise<RememberedOptions | undefined> {
  const last = rememberedOptions(state, settings);
  const flags: FlagItem[] = [
    {
      flag: 'native',
      label: '--native',
      description: 'include native (C/C++/Rust) frames',
      picked: last.native,
    },
    {
      flag: 'idle',
      label: '--idle',
      description: 'include sleeping and waiting threads',
      picked: last.idle,
    },
    {
      flag: 'gil',
      label: '--gil',
      description: 'only the thread holding the GIL',
      picked: last.gil,
    },
    {
      flag: 'subprocesses',
      label: '--subprocesses',
      description: 'also profile child processes',
      picked: last.subprocesses,
    },
    { flag: 'rate', label: `Change sampling rate (now ${last.rateHz} Hz)…`, picked: false },
  ];
  const picked = await vscode.window.showQuickPick(flags, {
    canPickMany: true,
    title: 'Hotspot Lens: py-spy options',
    placeHolder: 'Options for py-spy record (Enter to keep the checked ones)',
  });
  if (!picked) return undefined;
  const has = (flag: FlagItem['flag']) => picked.some((p) => p.flag === flag);
  let rateHz = last.rateHz;
  if (has('rate')) {
    const text = await vscode.window.showInputBox({
      title: 'Hotspot Lens: sampling rate',
      prompt: 'Samples per second',
      value: String(last.rateHz),
      validateInput: (v) =>
        /^\d+$/.test(v) && Number(v) > 0 ? undefined : 'A whole number above 0',
    });
    if (text === undefined) return undefined;
    rateHz = Number(text);
  }
  const duration = await pickDuration(last.durationSeconds, settings);
  if (duration === null) return undefined;
  const chosen: RememberedOptions = {
    native: has('native'),
    idle: has('idle'),
    gil: has('gil'),
    subprocesses: has('subprocesses'),
    rateHz,
    durationSeconds: duration,
  };
  await state.update(KEY, chosen);
  return chosen;
}

/** Seconds, undefined for "until I stop it", null when dismissed. */
export async function pickDuration(
  last: number | undefined,
  settings: Settings,
): Promise<number | undefined | null> {
  const configured = settings.capture.durationSeconds;
  const seconds = [...new Set([configured, last ?? configured, 10, 30, 60])].sort((a, b) => a - b);
  type Item = vscode.QuickPickItem & { seconds?: number; custom?: boolean };
  const items: Item[] = [
    ...seconds.map((s) => ({
      label: `${s} seconds`,
      description: s === configured ? 'hotspotLens.capture.durationSeconds' : undefined,
      seconds: s,
    })),
    {
      label: 'Until I stop it',
      description: 'run "Hotspot Lens: Stop Capture" or click the status bar',
    },
    { label: 'Other…', custom: true },
  ];
  const lastLabel = last === undefined ? 'Until I stop it' : `${last} seconds`;
  items.sort((a, b) => Number(b.label === lastLabel) - Number(a.label === lastLabel));
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Hotspot Lens: capture duration',
  });
  if (!pick) return null;
  if (pick.custom) {
    const text = await vscode.window.showInputBox({
      title: 'Hotspot Lens: capture duration',
      prompt: 'Seconds',
      value: String(last ?? configured),
      validateInput: (v) =>
        /^\d+(\.\d+)?$/.test(v) && Number(v) > 0 ? undefined : 'A number of seconds above 0',
    });
    return text === undefined ? null : Number(text);
  }
  return pick.seconds;
}
