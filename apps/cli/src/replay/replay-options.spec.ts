import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../usage';
import { checkOutDir, REPLAY_MARKER, replayOptions } from './replay-options';

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  return undefined;
};

describe('cli replay arguments', () => {
  it('takes a position or an instant, canonical UTC as knownAt takes it', () => {
    expect(replayOptions(['--until', '42', '--out', '/tmp/r']).until).toEqual({ position: 42 });
    expect(replayOptions(['--until', '2026-11-27T19:00:00+01:00', '--out', '/tmp/r']).until).toEqual({
      time: '2026-11-27T18:00:00.000Z',
    });
  });

  it.each([
    [['--out', '/tmp/r'], /replay needs --until/],
    [['--until', '3'], /replay needs --out DIR/],
    [['--until', '3', '--out', ''], /replay needs --out DIR/],
    [['--until=-1', '--out', '/tmp/r'], /--until must be a log position .* not -1/],
    [['--until', 'yesterday', '--out', '/tmp/r'], /--until must be .* RFC 3339 time .* not yesterday/],
    [['--until', '2026-02-30T00:00:00Z', '--out', '/tmp/r'], /--until must be/],
    [['--until', '3', '--out', '/tmp/r', '--since', '1'], /--since/],
    [['--until', '3', '--out', '/tmp/r', 'extra'], /extra/],
    [['--until'], /--until/],
  ])('refuses %j, naming the argument', (args, message) => {
    expect(refusal(() => replayOptions(args))).toMatch(message);
  });

  describe('the output directory', () => {
    let root: string;
    beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'sce-replay-out-'))));
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('may be new, empty, or an earlier replay', () => {
      const earlier = join(root, 'earlier');
      mkdirSync(join(root, 'empty'));
      mkdirSync(earlier);
      writeFileSync(join(earlier, REPLAY_MARKER), '{}');
      writeFileSync(join(earlier, 'read-models.db'), '');
      for (const dir of ['new', 'empty', 'earlier'])
        expect(refusal(() => checkOutDir(join(root, dir), join(root, 'data')))).toBeUndefined();
    });

    it('is never the engine data directory, a file, or a directory holding something else', () => {
      const data = join(root, 'data');
      mkdirSync(data);
      writeFileSync(join(data, 'events.db'), '');
      writeFileSync(join(root, 'file'), '');
      expect(refusal(() => checkOutDir(data, data))).toMatch(/--out .* is SCE_DATA_DIR/);
      expect(refusal(() => checkOutDir(join(root, 'file'), data))).toMatch(/--out .* is a file/);
      expect(refusal(() => checkOutDir(root, data))).toMatch(/--out .* is not empty and holds no earlier replay/);
    });
  });
});
