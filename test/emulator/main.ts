// CLI: `npm run emulator -- [--port N] [--latency MS] [--scale]`.
// First stdout line: {"url","accessKeyId","secretAccessKey","regions"} (the fixed test key, not an issued secret).
import { parseArgs } from 'node:util';
import { generateWorld, startEmulator } from './index';

function port(value: string | undefined): number {
  const n = Number(value ?? 0);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`invalid port: ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      latency: { type: 'string' },
      scale: { type: 'boolean', default: false },
    },
  });
  const latencyMs = Number(values.latency ?? 0);
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`invalid latency: ${values.latency}`);
  const emulator = await startEmulator({
    port: port(values.port ?? process.env.EMULATOR_PORT),
    latencyMs,
    world: values.scale ? generateWorld({ emrClusters: 10_000, regions: 4 }) : undefined,
  });
  const { url, accessKeyId, secretAccessKey, regions } = emulator;
  process.stdout.write(`${JSON.stringify({ url, accessKeyId, secretAccessKey, regions })}\n`);

  const shutdown = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
