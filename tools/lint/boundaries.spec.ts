import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

/** Lints `code` as if it were the file at `filePath`, with the workspace's real ESLint config. */
function boundaryErrors(code: string, filePath: string): string[] {
  const eslint = join(root, 'node_modules/.bin/eslint');
  const run = spawnSync(eslint, ['--stdin', '--stdin-filename', join(root, filePath), '--format', 'json'], {
    cwd: root,
    input: code,
    encoding: 'utf8',
    env,
  });
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

/** The boundary rule is what keeps the domain pure: prove it fires on a file the domain would own. */
describe('module boundaries', () => {
  // The rule reads Nx's cached project graph and, on a fresh clone with none, skips itself with a
  // warning: compute the graph first, as `nx lint` would.
  beforeAll(() => {
    const nx = spawnSync(join(root, 'node_modules/.bin/nx'), ['show', 'projects'], {
      cwd: root,
      encoding: 'utf8',
      env,
    });
    if (nx.status !== 0) throw new Error(`nx could not compute the project graph: ${nx.stderr}`);
  }, 60_000);

  const impure = [
    '@nestjs/common',
    'class-validator',
    'rxjs',
    'better-sqlite3',
    'pg',
    'kafkajs',
    '@kurrent/kurrentdb-client',
  ];

  it('refuse Nest, class-validator, rxjs, database and Kafka clients in libs/domain', () => {
    const code = impure.map((pkg, i) => `import * as x${i} from '${pkg}';\nexport const y${i} = x${i};\n`).join('');
    expect(boundaryErrors(code, 'libs/domain/src/leak.ts')).toEqual(
      impure.map((pkg) => `A project tagged with "type:domain" is not allowed to import "${pkg}"`),
    );
  });

  it('let the domain import its own files', () => {
    expect(
      boundaryErrors(`import { streams } from './streams';\nexport const y = streams;\n`, 'libs/domain/src/ok.ts'),
    ).toEqual([]);
  });
});
