// Compiles the Kafka mock broker launcher when it is missing or older than its source. Plain JS:
// the global setup (no TypeScript there) probes with it, the suites start the broker with it.
const { spawnSync } = require('node:child_process');
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');

const SOURCE = join(__dirname, '../../../docker/kafka-mock/kafka-mock.c');
const BINARY = join(__dirname, '../../../docker/kafka-mock/kafka-mock');

module.exports = function buildKafkaMock() {
  const kcat = spawnSync('kcat', ['-V'], { encoding: 'utf8' });
  if (kcat.status !== 0) throw new Error('kcat is not installed (the suites read topics with it)');
  if (existsSync(BINARY) && statSync(BINARY).mtimeMs >= statSync(SOURCE).mtimeMs) return BINARY;
  const flags = spawnSync('pkg-config', ['--cflags', '--libs', 'rdkafka'], { encoding: 'utf8' });
  if (flags.status !== 0)
    throw new Error(
      `librdkafka-dev is not installed (pkg-config rdkafka: ${(flags.stderr || String(flags.error)).trim()})`,
    );
  const cc = spawnSync('cc', ['-O2', '-o', BINARY, SOURCE, ...flags.stdout.trim().split(/\s+/)], { encoding: 'utf8' });
  if (cc.status !== 0)
    throw new Error(`could not build the Kafka mock broker: ${(cc.stderr || String(cc.error)).trim()}`);
  return BINARY;
};
