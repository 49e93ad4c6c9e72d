import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
const RULES = ['@nx/enforce-module-boundaries', 'no-restricted-imports'];

interface Case {
  /** The file the code is linted as, relative to the root. */
  file: string;
  imports: string[];
}

/** `import * as x0 from 'a'; export const y0 = x0; ...`: a file doing nothing but importing. */
const source = (imports: string[]) =>
  imports.map((from, i) => `import * as x${i} from '${from}';\nexport const y${i} = x${i};\n`).join('');

/**
 * Lints each case's code as if it were its file, with the workspace's real ESLint config, in one
 * process: the boundary rules' messages per case.
 */
function lintAll(cases: readonly Case[]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const { code, filePath } of cases) out.push((await eslint.lintText(code, { filePath }))[0].messages);
      process.stdout.write(JSON.stringify(out));
    })();`;
  const input = JSON.stringify(
    cases.map(({ file, imports }) => ({ code: source(imports), filePath: join(root, file) })),
  );
  const run = spawnSync(process.execPath, ['-e', script], { cwd: root, input, encoding: 'utf8', env });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as { ruleId: string; message: string }[][];
  return results.map((messages) => messages.filter((m) => RULES.includes(m.ruleId)).map((m) => m.message));
}

const impure = [
  '@nestjs/common',
  'class-validator',
  'rxjs',
  'better-sqlite3',
  'pg',
  'kafkajs',
  '@kurrent/kurrentdb-client',
];
const testHelpers = ['@sce/domain/testkit', '../testing/fixtures', './testing', '../contract/fixtures'];

const CASES = {
  domainImpure: { file: 'libs/domain/src/leak.ts', imports: impure },
  domainIo: {
    file: 'libs/domain/src/leak.ts',
    imports: ['node:fs', 'fs', 'node:child_process', '../testing/fixtures'],
  },
  domainLibs: { file: 'libs/domain/src/leak.ts', imports: ['@sce/event-store', '@sce/contracts'] },
  domainOwn: { file: 'libs/domain/src/ok.ts', imports: ['./streams', './order/order.types'] },
  storeTransport: { file: 'libs/event-store/src/leak.ts', imports: ['@sce/kafka', '@sce/projections'] },
  projectionsSideways: { file: 'libs/projections/src/leak.ts', imports: ['@sce/application', '@sce/kafka'] },
  kafkaSideways: { file: 'libs/kafka/src/leak.ts', imports: ['@sce/application', '@sce/projections'] },
  applicationSideways: { file: 'libs/application/src/leak.ts', imports: ['@sce/projections', '@sce/kafka'] },
  contractsStore: { file: 'libs/contracts/src/leak.ts', imports: ['@sce/event-store'] },
  cliKafka: { file: 'apps/cli/src/leak.ts', imports: ['@sce/kafka'] },
  engineArrows: {
    file: 'apps/engine/src/ok.ts',
    imports: [
      '@sce/domain',
      '@sce/contracts',
      '@sce/application',
      '@sce/event-store',
      '@sce/projections',
      '@sce/kafka',
    ],
  },
  productionHelpers: { file: 'libs/projections/src/leak.ts', imports: testHelpers },
  productionChild: { file: 'libs/event-store/src/leak.ts', imports: ['./crash/append-under-load.child'] },
  productionTestLibs: { file: 'libs/application/src/leak.ts', imports: ['@sce/testing', '@sce/test-stack'] },
  specHelpers: {
    file: 'libs/projections/src/leak.int-spec.ts',
    imports: ['@sce/domain/testkit', '@sce/application', '@sce/test-stack'],
  },
  domainSpec: { file: 'libs/domain/src/order/leak.spec.ts', imports: ['../testing/fixtures', '@sce/testing'] },
  contractSuite: { file: 'libs/event-store/src/contract/leak.ts', imports: ['./fixtures', '@sce/test-stack'] },
  consoleLeak: { file: 'apps/console/src/leak.ts', imports: ['@sce/domain', '@nestjs/common'] },
} satisfies Record<string, Case>;

/**
 * One refusal per import of `targets` from a project tagged `type:<from>`: the tag rule, or, where
 * the target already depends back on it (its specs count), Nx's circular-dependency check.
 */
const refused = (from: string, targets: string[]) =>
  targets.map((target) =>
    expect.stringMatching(
      new RegExp(
        `^A project tagged with "type:${from}" (can only|cannot) depend|^Circular dependency between "${from}" and "${target}"`,
      ),
    ),
  );

/** The boundary rules keep the arrows of STYLE.md's "shape of the house": prove each kind fires. */
describe('module boundaries', () => {
  const errors = {} as Record<keyof typeof CASES, string[]>;

  // The rule reads Nx's cached project graph and, on a fresh clone with none, skips itself with a
  // warning: compute the graph first, as `nx lint` would.
  beforeAll(() => {
    const nx = spawnSync(join(root, 'node_modules/.bin/nx'), ['show', 'projects'], {
      cwd: root,
      encoding: 'utf8',
      env,
    });
    if (nx.status !== 0) throw new Error(`nx could not compute the project graph: ${nx.stderr}`);
    const names = Object.keys(CASES) as (keyof typeof CASES)[];
    const results = lintAll(names.map((name) => CASES[name]));
    names.forEach((name, i) => (errors[name] = results[i]!));
  }, 90_000);

  it('refuse Nest, class-validator, rxjs, database and Kafka clients in libs/domain', () => {
    expect(errors.domainImpure).toEqual(
      impure.map((pkg) => `A project tagged with "type:domain" is not allowed to import "${pkg}"`),
    );
  });

  it("refuse Node's built-in modules in libs/domain, and test helpers there too", () => {
    const io = (name: string) =>
      `'${name}' import is restricted from being used. the domain does no I/O: no Node built-in module`;
    expect(errors.domainIo).toEqual([
      io('node:fs'),
      io('fs'),
      io('node:child_process'),
      expect.stringContaining(`'../testing/fixtures' import is restricted from being used by a pattern.`),
    ]);
  });

  it('refuse any lib in libs/domain, and let it import its own files', () => {
    expect(errors.domainLibs).toEqual(refused('domain', ['event-store', 'contracts']));
    expect(errors.domainOwn).toEqual([]);
  });

  it('keep transports and read models out of the event store', () => {
    expect(errors.storeTransport).toEqual(refused('event-store', ['kafka', 'projections']));
  });

  it('keep adapters from importing each other, and the wire from the store', () => {
    expect(errors.projectionsSideways).toEqual(refused('projections', ['application', 'kafka']));
    expect(errors.kafkaSideways).toEqual(refused('kafka', ['application', 'projections']));
    expect(errors.applicationSideways).toEqual(refused('application', ['projections', 'kafka']));
    expect(errors.contractsStore).toEqual(refused('contracts', ['event-store']));
  });

  it('let the engine wire every lib, and keep the CLI off Kafka', () => {
    expect(errors.engineArrows).toEqual([]);
    expect(errors.cliKafka).toEqual(refused('cli', ['kafka']));
  });

  it('keep test kits, fixtures, contract suites and crash children out of production code', () => {
    const restricted = (from: string) =>
      `'${from}' import is restricted from being used by a pattern. test helpers (test kits, testing/, contract/, *.child) are for specs only`;
    expect(errors.productionHelpers).toEqual(testHelpers.map(restricted));
    expect(errors.productionChild).toEqual([restricted('./crash/append-under-load.child')]);
    const [testing, testStack] = refused('application', ['testing', 'test-stack']);
    expect(errors.productionTestLibs).toEqual([testing, restricted('@sce/testing'), testStack]);
  });

  it('let specs and test helpers use the test kits, the test-only libs and the command path', () => {
    expect(errors.specHelpers).toEqual([]);
    expect(errors.domainSpec).toEqual([]);
    expect(errors.contractSuite).toEqual([]);
  });

  it('keep the console to HTTP: no engine lib, no server package', () => {
    expect(errors.consoleLeak).toEqual([
      ...refused('console', ['domain']),
      'A project tagged with "type:console" is not allowed to import "@nestjs/common"',
    ]);
  });
});
