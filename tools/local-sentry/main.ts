// `npm run local-sentry -- [--port 9010] [--data DIR] [--seed DIR | --no-seed] [--record DIR]
// [--token T]... [--no-profiling]`: a local Sentry-compatible server for the demo and the tests.
// Tokens come from --token, else LOCAL_SENTRY_TOKEN (comma-separated), else `local-demo-token`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TOKEN, ORG_SLUG, PROJECTS } from './config';
import { ProfileStore } from './profiling/profile-store';
import { seedRecorded } from './seed';
import { startLocalSentry } from './server';
import { SpanStore } from './store';

interface Args {
  port: number;
  data: string;
  seed: string | undefined;
  /** --seed was passed, so a missing directory is an error rather than "no demo here". */
  seedGiven: boolean;
  record: string | undefined;
  tokens: string[];
  /** --no-profiling: answer like an organization without the profiling feature (404). */
  profiling: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    port: 9010,
    data: '.hotspot-lens/local-sentry',
    seed: 'demo/recorded',
    seedGiven: false,
    record: undefined,
    tokens: [],
    profiling: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port') args.port = Number(value());
    else if (flag === '--data') args.data = value();
    else if (flag === '--seed') {
      args.seed = value();
      args.seedGiven = true;
    } else if (flag === '--no-seed') args.seed = undefined;
    else if (flag === '--record') args.record = value();
    else if (flag === '--token') args.tokens.push(value());
    else if (flag === '--no-profiling') args.profiling = false;
    else throw new Error(`unknown argument: ${flag}`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)
    throw new Error('--port must be 0-65535');
  if (args.tokens.length === 0) {
    const env = process.env.LOCAL_SENTRY_TOKEN;
    args.tokens = env
      ? env
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      : [DEFAULT_TOKEN];
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const store = new SpanStore(args.data);
  const profiles = new ProfileStore(args.data);
  const stored = store.size;
  const storedProfiles = profiles.size;
  let seeded = 0;
  let seededProfiles = 0;
  if (args.seed && existsSync(args.seed)) {
    const seed = seedRecorded(args.seed, profiles, Date.now() / 1000);
    seeded = store.add(seed.spans, false);
    seededProfiles = seed.profiles;
    for (const r of seed.rejected) console.error(`local-sentry: seed: dropped a profile: ${r}`);
  } else if (args.seed && args.seedGiven) {
    throw new Error(`--seed ${args.seed}: no such directory`);
  }
  const server = await startLocalSentry({
    store,
    profiles,
    profiling: args.profiling,
    tokens: args.tokens,
    port: args.port,
    recordDir: args.record,
    otlpDir: join(args.data, 'otlp'),
  });
  // The first line is parsed by tests and scripts: keep its format.
  console.log(`local-sentry listening on ${server.url}`);
  console.log(
    `  spans: ${stored} stored in ${args.data}, ${seeded} seeded from ${args.seed && existsSync(args.seed) ? args.seed : '(none)'}`,
  );
  console.log(
    `  profiles: ${storedProfiles} stored, ${seededProfiles} seeded${args.profiling ? '' : '; profiling OFF (--no-profiling: profiling routes answer 404)'}`,
  );
  console.log(`  organization: ${ORG_SLUG}; projects: ${PROJECTS.map((p) => p.slug).join(', ')}`);
  for (const p of PROJECTS)
    console.log(`  DSN ${p.slug}: http://${p.publicKey}@${server.url.slice(7)}/${p.id}`);
  console.log(
    `  OTLP profiles: POST ${server.url}/v1development/profiles, saved to ${join(args.data, 'otlp')}`,
  );
  if (args.record) console.log(`  recording raw envelopes to ${args.record}`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(`local-sentry: ${(err as Error).message}`);
  process.exit(1);
});
