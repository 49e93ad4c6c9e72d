#!/usr/bin/env node
// Builds the seller center console (apps/console, Vite) into dist/apps/console when the build is
// missing or was made from other sources: a hash of the console's files and the lockfile is kept
// beside the build. `npm start` calls it before the engine starts; `--force` always builds.
// Several engines starting at once (the test suites) build once: a lock directory serializes
// them, and a build lands by renaming a finished directory into place.
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const SOURCES = join(ROOT, 'apps/console');
const OUT = join(ROOT, 'dist/apps/console');
const STAMP = '.source-hash';
const LOCK = join(ROOT, 'dist/apps/.console-build.lock');

function files(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules' && !e.name.endsWith('.spec.ts'))
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

function sourceHash() {
  const hash = createHash('sha256');
  for (const file of [...files(SOURCES), join(ROOT, 'package-lock.json')]) {
    hash.update(relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const builtHash = () => {
  try {
    return fs.readFileSync(join(OUT, STAMP), 'utf8');
  } catch {
    return undefined;
  }
};

function acquireLock(timeoutMs = 120_000) {
  fs.mkdirSync(join(ROOT, 'dist/apps'), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (!lockHolderAlive() || Date.now() - started > timeoutMs) fs.rmSync(LOCK, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
}

function lockHolderAlive() {
  try {
    process.kill(Number(fs.readFileSync(join(LOCK, 'pid'), 'utf8')), 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Builds when needed; returns what it did, or throws with Vite's output when the build fails. */
function ensureConsoleBuilt({ force = false } = {}) {
  const wanted = sourceHash();
  if (!force && builtHash() === wanted) return 'up to date';
  acquireLock();
  try {
    if (!force && builtHash() === wanted) return 'up to date';
    const staging = `${OUT}.build-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
    if (!fs.existsSync(vite))
      throw new Error('the console cannot be built: vite is not installed (npm ci installs it)');
    const run = spawnSync(
      process.execPath,
      [
        vite,
        'build',
        '--config',
        join(SOURCES, 'vite.config.mts'),
        '--outDir',
        staging,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } },
    );
    if (run.status !== 0) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw new Error(`the console build failed:\n${run.stdout}${run.stderr}${run.error ?? ''}`);
    }
    fs.writeFileSync(join(staging, STAMP), wanted);
    const old = `${OUT}.old-${process.pid}`;
    if (fs.existsSync(OUT)) fs.renameSync(OUT, old);
    fs.renameSync(staging, OUT);
    fs.rmSync(old, { recursive: true, force: true });
    return 'built';
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

module.exports = { ensureConsoleBuilt, CONSOLE_OUT: OUT };

if (require.main === module) {
  const started = Date.now();
  const outcome = ensureConsoleBuilt({ force: process.argv.includes('--force') });
  process.stdout.write(`console ${outcome}: ${relative(process.cwd(), OUT) || '.'} (${Date.now() - started} ms)\n`);
}
