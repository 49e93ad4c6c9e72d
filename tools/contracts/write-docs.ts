import { jsonSchemas } from '@sce/contracts';
import { asyncApiDocument, DEFAULT_TOPICS } from '@sce/kafka';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { asJson, CONTRACTS_DIR } from './paths';

/** The OpenAPI document as an engine on the embedded default serves it (started as `npm start` does). */
async function servedOpenApi(): Promise<unknown> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sce-contracts-'));
  const engine = spawn(process.execPath, [join(__dirname, '../start.js')], {
    env: { ...process.env, SCE_DATA_DIR: dataDir, PORT: '0', SCE_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: engine.stdout! }).on('line', (line) => {
        const found = line.match(/listening on (http:\/\/\S+)/);
        if (found) resolve(found[1]!);
      });
      engine.on('exit', (code) => reject(new Error(`the engine exited with ${code}`)));
    });
    return await (await fetch(`${url}/docs-json`)).json();
  } finally {
    engine.kill('SIGTERM');
    await new Promise((resolve) => engine.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  mkdirSync(CONTRACTS_DIR, { recursive: true });
  for (const [name, schema] of Object.entries(jsonSchemas()))
    writeFileSync(join(CONTRACTS_DIR, `${name}.schema.json`), asJson(schema));
  writeFileSync(join(CONTRACTS_DIR, 'asyncapi.json'), asJson(asyncApiDocument(DEFAULT_TOPICS, 'sce-engine')));
  writeFileSync(join(CONTRACTS_DIR, 'openapi.json'), asJson(await servedOpenApi()));
  process.stdout.write(`wrote ${CONTRACTS_DIR}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
