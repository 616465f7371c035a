import type { FlameData } from '../../protocol';
import { FRAME_KINDS, type Profile } from '../model';

/**
 * The profile as flat, id-linked tables for the webview (CONTRIBUTING.md §4.4). Strings are interned
 * once; `inWorkspace(frameId)` says which frames map into the workspace (computed by the editor,
 * which knows the path mappings), for "only my code", unless the frame carries the profiler's
 * own verdict (`Frame.inApp`, Sentry's `in_app`). Typed arrays are copied so the posted data
 * never aliases the profile kept in the extension.
 */
export function toFlameData(
  profile: Profile,
  valueIndex: number,
  inWorkspace: (frameId: number) => boolean,
): FlameData {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const intern = (s: string) => {
    let id = ids.get(s);
    if (id === undefined) {
      id = strings.length;
      strings.push(s);
      ids.set(s, id);
    }
    return id;
  };
  const n = profile.frames.length;
  const frameName = new Int32Array(n);
  const frameFile = new Int32Array(n);
  const frameLine = new Int32Array(n);
  const frameKind = new Uint8Array(n);
  const frameInWorkspace = new Uint8Array(n);
  profile.frames.forEach((frame, id) => {
    frameName[id] = intern(frame.name);
    frameFile[id] = frame.file === undefined ? -1 : intern(frame.file);
    frameLine[id] = frame.line ?? 0;
    frameKind[id] = Math.max(0, FRAME_KINDS.indexOf(frame.kind));
    // The profiler's own verdict (Sentry's in_app) wins over the workspace mapping.
    frameInWorkspace[id] = (frame.inApp ?? inWorkspace(id)) ? 1 : 0;
  });
  return {
    name: profile.meta.name,
    strings,
    frameName,
    frameFile,
    frameLine,
    frameKind,
    frameInWorkspace,
    nodeParent: profile.nodeParent.slice(),
    nodeFrame: profile.nodeFrame.slice(),
    nodeThread: profile.nodeThread.slice(),
    nodeSelf: profile.nodeSelf.map((a) => a.slice()),
    valueTypes: profile.valueTypes.map((v) => ({ type: v.type, unit: v.unit })),
    valueIndex: Math.min(Math.max(0, valueIndex), Math.max(0, profile.valueTypes.length - 1)),
    threads: profile.threads.map((t) => t.name),
    timeline: profile.timeline?.node.slice(),
  };
}
