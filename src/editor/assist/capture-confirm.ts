// What the user sees before the assistant's `capture` runs: VS Code shows prepareInvocation's
// confirmationMessages and runs the tool only after "Allow". The message names exactly what will
// run (the command, or the process id), where, and for how long. Side-effect free, as the API
// requires. A request that cannot run (untrusted workspace, neither or both of command and pid)
// asks nothing: invoke then refuses with the reason, and nothing is started.
import * as vscode from 'vscode';

export interface CaptureInput {
  readonly command?: readonly string[];
  readonly pid?: number;
  readonly durationSeconds?: number;
}

export function captureInput(raw: unknown): CaptureInput | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const command =
    Array.isArray(r.command) &&
    r.command.length > 0 &&
    r.command.every((a) => typeof a === 'string')
      ? (r.command as string[])
      : undefined;
  const pid = Number.isInteger(r.pid) && (r.pid as number) > 0 ? (r.pid as number) : undefined;
  if ((command === undefined) === (pid === undefined)) return undefined;
  const d = r.durationSeconds;
  return { command, pid, durationSeconds: Number.isInteger(d) ? (d as number) : undefined };
}

/** `python app.py --n 3` as a person would type it; arguments with spaces or quotes quoted. */
export function commandLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
}

/** A fenced block that no backtick run inside `text` can close early. */
function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}

export function prepareCapture(raw: unknown): vscode.PreparedToolInvocation {
  if (!vscode.workspace.isTrusted)
    return { invocationMessage: 'Capture refused: this workspace is not trusted' };
  const input = captureInput(raw);
  if (!input) return { invocationMessage: 'Checking the capture request' };
  const folder = vscode.workspace.workspaceFolders?.[0];
  const seconds = input.durationSeconds ?? (input.pid !== undefined ? 10 : undefined);
  const howLong = seconds === undefined ? 'until the command exits' : `for ${seconds} s`;
  if (input.command) {
    const line = commandLine(input.command);
    const message = new vscode.MarkdownString(
      `The assistant asks Hotspot Lens to run this command under py-spy, ${howLong}` +
        (folder ? `, in \`${folder.uri.fsPath}\`` : '') +
        ':\n\n' +
        fenced(line) +
        '\n\n`python` runs with the active interpreter. The profile is saved and loaded into ' +
        'Hotspot Lens.',
    );
    return {
      invocationMessage: `Recording ${line} with py-spy`,
      confirmationMessages: { title: `Run and profile \`${line}\`?`, message },
    };
  }
  const message = new vscode.MarkdownString(
    `The assistant asks Hotspot Lens to attach py-spy to the running process **${input.pid}** ` +
      `and sample it ${howLong}. py-spy may need permission to read that process's memory. ` +
      'The profile is saved and loaded into Hotspot Lens.',
  );
  return {
    invocationMessage: `Recording process ${input.pid} with py-spy`,
    confirmationMessages: { title: `Profile process ${input.pid} with py-spy?`, message },
  };
}
