// `capture`: records a py-spy profile of a command or a running process and answers with its
// hotspots. It runs a program on the user's machine, so only a host that can ask the user (VS
// Code: prepareInvocation's confirmation, trusted workspaces only) provides `host.capture`;
// the MCP server has none and this tool says so.
import { ToolError, type AssistTool } from '../types';
import { hotspotsOf } from './hotspots';

export const captureTool: AssistTool = {
  name: 'capture',
  title: 'Capture a py-spy profile',
  description:
    'Records a CPU profile with py-spy of a Python command (run in the workspace folder) or of a ' +
    'running process id, loads it, and returns its hotspots. The user must confirm the run, and ' +
    "it only works in a trusted workspace. Give 'command' or 'pid'.",
  sideEffects: true,
  inputSchema: {
    type: 'object',
    properties: {
      command: {
        type: 'array',
        items: { type: 'string' },
        description: "Program and arguments, no shell (e.g. ['python', 'app.py']).",
      },
      pid: { type: 'integer', minimum: 1, description: 'Process id of a running Python program.' },
      durationSeconds: {
        type: 'integer',
        minimum: 1,
        maximum: 600,
        description: 'Seconds to record (default: until the command ends; 10 s for a pid).',
      },
    },
    additionalProperties: false,
  },
  async run(args, host, signal) {
    if (!host.capture)
      throw new ToolError(
        'capture is not available here: it runs py-spy on this machine, which needs the ' +
          "user's confirmation in VS Code (Hotspot Lens in a trusted workspace). Record with " +
          "`hotspot-lens record` and pass the file as hotspots' profile instead.",
      );
    const command = args.command as string[] | undefined;
    const pid = args.pid as number | undefined;
    if ((command === undefined) === (pid === undefined))
      throw new ToolError("pass exactly one of 'command' or 'pid'");
    const durationSeconds = (args.durationSeconds as number | undefined) ?? (pid ? 10 : undefined);
    const path = await host.capture({ command, pid, durationSeconds }, signal);
    const loaded = await host.profiles.preload(path);
    host.profiles.current = path;
    return hotspotsOf(loaded, host, {});
  },
};
