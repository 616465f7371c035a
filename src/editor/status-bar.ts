import * as vscode from 'vscode';
import { formatWeight } from './format';
import type { LoadedProfile } from './loaded-profile';
import type { ProfileStore } from './profile-store';

/** `$(flame) default.raw.txt · 1,234 samples` while a profile is loaded; click → Hotspots. */
export function registerStatusBar(store: ProfileStore): vscode.Disposable[] {
  const item = vscode.window.createStatusBarItem(
    'hotspotLens.profile',
    vscode.StatusBarAlignment.Left,
    10,
  );
  item.name = 'Hotspot Lens profile';
  item.command = 'hotspotLens.hotspots.focus';
  const show = (loaded: LoadedProfile | undefined) => {
    if (!loaded) {
      item.hide();
      return;
    }
    const m = loaded.profile.meta;
    // A profile fetched from Sentry says where it came from (`Sentry acme-shop/shop-backend · …`).
    const name = m.attributes?.source ?? loaded.uri.path.split('/').pop() ?? m.name;
    const type = loaded.profile.valueTypes[loaded.valueIndex];
    const weight = formatWeight(loaded.attribution.total, type);
    item.text = `$(flame) ${name} · ${m.sampleRecords.toLocaleString('en-US')} samples`;
    item.tooltip =
      `Hotspot Lens: ${loaded.uri.fsPath}\n${m.format}${m.tool ? ` (${m.tool})` : ''}, ` +
      `${type.type}: ${weight}\nClick to show the Hotspots view.`;
    item.show();
  };
  show(store.current);
  return [item, store.onDidChange(show)];
}
