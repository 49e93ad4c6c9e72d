#!/usr/bin/env node
// Compiles the engine's and the CLI's TypeScript (apps/engine, apps/cli, libs) to JavaScript with
// swc, with the decorator metadata Nest's dependency injection needs and the `@sce/*` imports made
// relative, into dist/js/<hash of the sources>. `npm start` and `npm run cli` run that output: the
// swc compiler stays out of the engine's process (about 70 MiB of resident memory, ADR 22).
// The compiler runs in a child process; several processes starting at once compile once each into
// a private directory and the first rename wins, so none ever loads a half-written file.
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const { dirname, join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'dist/js');
const SOURCE_DIRS = ['apps/engine/src', 'apps/cli/src', ...libs()];
const TESTS = /\.(spec|int-spec|e2e-spec)\.ts$/;
/** Outputs of other sources are removed once this old: no engine started from them still loads files. */
const STALE_MS = 24 * 3600_000;

function libs() {
  return fs.readdirSync(join(ROOT, 'libs')).map((lib) => `libs/${lib}/src`);
}

function sources() {
  const walk = (dir) =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return SOURCE_DIRS.flatMap((dir) => walk(join(ROOT, dir)))
    .filter((file) => (file.endsWith('.ts') && !TESTS.test(file) && !file.endsWith('.d.ts')) || file.endsWith('.json'))
    .sort();
}

function hashOf(files) {
  const hash = createHash('sha256');
  for (const file of [...files, join(ROOT, 'tsconfig.base.json'), join(ROOT, 'package-lock.json')])
    hash.update(relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

function compile(files, into) {
  const { transformFileSync } = require('@swc/core');
  const { paths } = require(join(ROOT, 'tsconfig.base.json')).compilerOptions;
  for (const file of files) {
    const out = join(into, relative(ROOT, file));
    fs.mkdirSync(dirname(out), { recursive: true });
    if (file.endsWith('.json')) {
      fs.copyFileSync(file, out);
      continue;
    }
    const js = out.replace(/\.ts$/, '.js');
    const { code, map } = transformFileSync(file, {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        baseUrl: ROOT,
        paths,
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
      sourceMaps: true,
      sourceFileName: relative(dirname(js), file),
    });
    fs.writeFileSync(js, `${code}\n//# sourceMappingURL=${relative(dirname(js), `${js}.map`)}\n`);
    fs.writeFileSync(`${js}.map`, map);
  }
}

function removeStale(keep) {
  for (const name of fs.readdirSync(OUT)) {
    const dir = join(OUT, name);
    if (name === keep) continue;
    const { mtimeMs } = fs.statSync(dir);
    // Another process may be compiling into its .tmp- directory right now: only abandoned ones go.
    const age = Date.now() - mtimeMs;
    if (age > (name.startsWith('.tmp-') ? 600_000 : STALE_MS)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The directory of the compiled sources as they are now: compiled first (in a child process) if need be. */
function ensureCompiled() {
  const hash = hashOf(sources());
  const dir = join(OUT, hash);
  if (fs.existsSync(join(dir, '.complete'))) return dir;
  const run = spawnSync(process.execPath, [__filename, hash], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) throw new Error(`compiling the sources failed (exit ${run.status})`);
  return dir;
}

function main(hash) {
  const files = sources();
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = fs.mkdtempSync(join(OUT, '.tmp-'));
  compile(files, tmp);
  fs.writeFileSync(join(tmp, '.complete'), '');
  try {
    fs.renameSync(tmp, join(OUT, hash ?? hashOf(files)));
  } catch (error) {
    // Another process got there first with the same sources: its output is this one.
    if (!['EEXIST', 'ENOTEMPTY', 'EPERM'].includes(error.code)) throw error;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  removeStale(hash ?? hashOf(files));
}

if (require.main === module) main(process.argv[2]);

module.exports = { ensureCompiled };
