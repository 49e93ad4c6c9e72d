import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REJECTION_CODES } from './shared/domain-error';

function specFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? specFiles(join(dir, entry.name))
      : entry.name.endsWith('.spec.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('rejection codes', () => {
  const specs = specFiles(__dirname)
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');

  it.each(REJECTION_CODES)('%s is exercised by a given/when/then spec', (code) => {
    expect(specs).toContain(`.thenRejects('${code}'`);
  });
});
