// The engine's answers while it rebuilds (bench:replay): `/health` and a command, one at a time,
// while `POST /v1/admin/rebuild` builds every projection beside the live ones.
import type { Figure } from './bench-kit';

const p99 = (ms: number[]) => Math.round([...ms].sort((a, b) => a - b)[Math.floor(ms.length * 0.99)]! * 10) / 10;

async function timed(request: () => Promise<Response>): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await request();
  if (!response.ok) throw new Error(`answered ${response.status} during the rebuild: ${await response.text()}`);
  await response.arrayBuffer();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** p99 of `/health` and of a RecordVisit while the engine at `url` rebuilds its read models. */
export async function latencyWhileRebuilding(url: string, platform: string, system: string): Promise<Figure[]> {
  const started = Date.now();
  let done = false;
  const rebuilt = fetch(`${url}/v1/admin/rebuild`, { method: 'POST', headers: { authorization: `Bearer ${platform}` } })
    .then(async (r) => {
      if (!r.ok) throw new Error(`rebuild answered ${r.status}: ${await r.text()}`);
    })
    .finally(() => (done = true));
  const health: number[] = [];
  const commands: number[] = [];
  for (let i = 0; !done; i++) {
    health.push(await timed(() => fetch(`${url}/health`)));
    commands.push(
      await timed(() =>
        fetch(`${url}/v1/commands`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${system}` },
          body: JSON.stringify({
            commandId: `bench-rebuild-visit-${i}`,
            type: 'RecordVisit',
            shopId: 'shop-1',
            payload: { visitorId: `rebuild-${i}`, productId: 'p-1' },
          }),
        }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await rebuilt;
  console.log(
    `while rebuilding (${Date.now() - started} ms): /health p99 ${p99(health)} ms, a command p99 ${p99(commands)} ms (${health.length} each)`,
  );
  return [
    { name: 'rebuild.health_p99_ms', unit: 'ms', value: p99(health) },
    { name: 'rebuild.command_p99_ms', unit: 'ms', value: p99(commands) },
  ];
}
