import { promises as fs } from 'fs';
import { basename, dirname, resolve as resolvePath } from 'path';
import {
  CaptureError,
  findTool,
  startPerfCapture,
  startPySpyCapture,
  type CaptureResult,
  type CaptureSession,
  type CaptureTarget,
} from '../capture/index';
import { looksLikePython } from '../capture/processes';
import { attribute } from '../core/attribution';
import { importProfileFile } from '../core/import/index';
import { oneOf, parseCommandArgs, parsePositiveInt } from './args';
import { InputError, UsageError, type CliCommand } from './command';
import { formatPercent, renderTable } from './table';

const USAGE = `Usage: hotspot-lens record [options] -o OUT (--pid PID | -- COMMAND ARGS...)

Records a CPU profile with py-spy (Python; speedscope JSON) or perf (native; perf script text),
then prints its hottest functions. Ctrl-C stops early and keeps the samples; a second Ctrl-C
discards them.

Options:
  -o, --output OUT    file to write
  --pid PID           attach to a running process (otherwise: the command after --)
  --duration S        seconds to record (default: until the command ends or Ctrl-C)
  --rate HZ           samples per second (default 100 for py-spy, 99 for perf)
  --native            py-spy: include native (C/C++/Rust) frames
  --idle              py-spy: include idle (sleeping, waiting) threads
  --gil               py-spy: only the thread holding the GIL
  --subprocesses      py-spy: also profile child processes
  --perf              record with perf instead of py-spy
  --call-graph MODE   perf: fp (perf record -g, default) or dwarf
  --tool PATH         the py-spy or perf executable (default: next to the command's
                      Python interpreter, then PATH)
  --top N             functions to print (default 10)
  -h, --help          show this help`;

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  pid: { type: 'string' },
  duration: { type: 'string' },
  rate: { type: 'string' },
  native: { type: 'boolean' },
  idle: { type: 'boolean' },
  gil: { type: 'boolean' },
  subprocesses: { type: 'boolean' },
  perf: { type: 'boolean' },
  'call-graph': { type: 'string' },
  tool: { type: 'string' },
  top: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseSeconds(text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || n <= 0) {
    throw new UsageError(`--duration expects a positive number of seconds, got '${text}'`);
  }
  return n;
}

export const recordCommand: CliCommand = {
  summary: 'record a profile with py-spy or perf, then print its hottest functions',
  usage: USAGE,
  async run(args) {
    const dash = args.indexOf('--');
    const command = dash >= 0 ? args.slice(dash + 1) : [];
    const { values, positionals } = parseCommandArgs(
      dash >= 0 ? args.slice(0, dash) : args,
      OPTIONS,
    );
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length > 0)
      throw new UsageError(`unexpected '${positionals[0]}' (put the command after --)`);
    if (!values.output) throw new UsageError('-o OUT is required');
    if ((values.pid === undefined) === (command.length === 0)) {
      throw new UsageError('give either --pid PID or -- COMMAND ARGS...');
    }
    const target: CaptureTarget =
      values.pid !== undefined
        ? { kind: 'pid', pid: parsePositiveInt('--pid', values.pid) }
        : { kind: 'command', command: command[0], args: command.slice(1) };
    const durationSeconds =
      values.duration === undefined ? undefined : parseSeconds(values.duration);
    const rateHz = values.rate === undefined ? undefined : parsePositiveInt('--rate', values.rate);
    const top = values.top === undefined ? 10 : parsePositiveInt('--top', values.top);
    const callGraph = oneOf('--call-graph', values['call-graph'] ?? 'fp', ['fp', 'dwarf'] as const);
    const outputPath = resolvePath(values.output);
    await fs.mkdir(dirname(outputPath), { recursive: true });

    const toolName = values.perf ? 'perf' : 'py-spy';
    const pythonPath =
      target.kind === 'command' && looksLikePython(target.command) ? target.command : undefined;
    try {
      const tool = await findTool(toolName, { explicitPath: values.tool, pythonPath });
      process.stderr.write(`hotspot-lens record: using ${tool.path} (from ${tool.source})\n`);
      const session = values.perf
        ? startPerfCapture({
            tool,
            target,
            outputPath,
            options: { durationSeconds, rateHz, callGraph },
          })
        : startPySpyCapture({
            tool,
            target,
            outputPath,
            options: {
              durationSeconds,
              rateHz,
              native: values.native,
              idle: values.idle,
              gil: values.gil,
              subprocesses: values.subprocesses,
            },
          });
      const result = await untilDone(session);
      await printSummary(result, top);
      return 0;
    } catch (err) {
      if (err instanceof CaptureError) {
        const steps = err.nextSteps.map((s) => `\n  - ${s}`).join('');
        throw new InputError(`${err.message}${steps}`);
      }
      throw err;
    }
  },
};

/** Ctrl-C stops (keeps samples); a second one cancels. The tools run in their own process group. */
async function untilDone(session: CaptureSession): Promise<CaptureResult> {
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write('hotspot-lens record: stopping, writing what was sampled…\n');
      session.stop();
    } else void session.cancel();
  };
  process.on('SIGINT', onSigint);
  try {
    return await session.result;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function printSummary(result: CaptureResult, top: number): Promise<void> {
  for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
  const profile = await importProfileFile(result.outputPath);
  const a = attribute(profile);
  const frameStat = new Map(a.byFrame.map((s) => [s.frame, s]));
  const rows = a.byFunction.slice(0, top).map((f) => {
    // The function's hottest line (its frame with the most self, then total, weight).
    const best = f.frameIds
      .map((id) => ({ id, s: frameStat.get(id) }))
      .filter((x) => x.s !== undefined)
      .sort((x, y) => y.s!.self - x.s!.self || y.s!.total - x.s!.total)[0];
    const line = best === undefined ? undefined : profile.frames[best.id].line;
    const where = f.file === undefined ? '' : line === undefined ? f.file : `${f.file}:${line}`;
    return [formatPercent(f.self, a.total), formatPercent(f.total, a.total), f.name, where];
  });
  process.stdout.write(
    `wrote ${result.outputPath} (${basename(result.tool.path)}, ` +
      `${profile.meta.sampleRecords.toLocaleString('en-US')} samples)\n\n` +
      `${renderTable(['self%', 'total%', 'function', 'hottest line'], rows, [true, true, false, false])}\n`,
  );
}
