// Probes the services the suites need, once per run, and leaves the answer in environment
// variables the test workers inherit: SCE_<SERVICE>_UNAVAILABLE holds the reason when missing.
const { spawnSync } = require('node:child_process');

const PG_URL = process.env.SCE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function probe(name, script, timeoutMs) {
  const key = `SCE_${name}_UNAVAILABLE`;
  if (process.env[`SCE_${name}_PROBED`]) return;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: timeoutMs, env: process.env });
  process.env[`SCE_${name}_PROBED`] = '1';
  if (run.status === 0) return void delete process.env[key];
  process.env[key] = (run.stderr || run.stdout || `no answer within ${timeoutMs} ms`).trim().split('\n').pop();
  // Said once, up front: jest's summary counts skipped suites but does not say why.
  // The same rule as services.ts mustHave: containers are required only when asked for.
  const required = name === 'CONTAINERS' ? process.env.TESTCONTAINERS_RUNTIME === 'require' : process.env.CI === 'true';
  const then = required ? 'its suites will FAIL (required in this run)' : 'its suites are skipped';
  process.stderr.write(`\n[test stack] ${name.toLowerCase()}: ${process.env[key]} -> ${then}\n`);
}

module.exports = async () => {
  probe(
    'POSTGRES',
    `const { Client } = require('pg');
     const c = new Client({ connectionString: ${JSON.stringify(PG_URL)}, connectionTimeoutMillis: 3000 });
     c.connect().then(() => c.query('SELECT 1')).then(() => c.end()).catch((e) => { console.error('PostgreSQL at ${PG_URL.replace(/'/g, '')} is not reachable: ' + e.message); process.exit(1); });`,
    8000,
  );
  probe(
    'KAFKA',
    `try { require(${JSON.stringify(require.resolve('./kafka-mock-build.js'))})(); } catch (e) { console.error(e.message); process.exit(1); }`,
    30000,
  );
  const chromium = process.env.SCE_CHROMIUM_PATH ?? '/usr/bin/chromium';
  probe(
    'CHROMIUM',
    `const run = require('node:child_process').spawnSync(${JSON.stringify(chromium)}, ['--headless', '--no-sandbox', '--version'], { encoding: 'utf8', timeout: 10000 });
     if (run.error || run.status !== 0) { console.error('no Chromium at ${chromium.replace(/'/g, '')}: ' + (run.error ? run.error.message : run.stderr.trim())); process.exit(1); }`,
    15000,
  );
  probe(
    'CONTAINERS',
    `require('testcontainers').getContainerRuntimeClient().then(() => process.exit(0)).catch((e) => { console.error('no container runtime: ' + e.message.split('\\n')[0]); process.exit(1); });`,
    15000,
  );
};
