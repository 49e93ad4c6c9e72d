import { describeWith, freshSchema, TEST_PG_URL } from '@sce/test-stack';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashOf } from './api-key';
import type { ApiKeyStore } from './api-key-store.port';
import { ApiKeys, KEY_CACHE_MS } from './api-keys';
import { PostgresApiKeyStore } from './postgres-api-key-store';
import { SqliteApiKeyStore } from './sqlite-api-key-store';

/** A clock the test moves by hand. */
const clockAt = (start: string) => {
  let now = Date.parse(start);
  return { now: () => new Date(now), move: (ms: number) => (now += ms) };
};

/** Two handles on one store: what two engines sharing it see. */
type Open = () => Promise<{ open(): Promise<ApiKeyStore>; cleanup(): Promise<void> }>;

function contract(name: string, setup: Open) {
  describe(`API keys on ${name}`, () => {
    let env: Awaited<ReturnType<Open>>;
    let stores: ApiKeyStore[];
    beforeEach(async () => {
      env = await setup();
      stores = [await env.open(), await env.open()];
    });
    afterEach(async () => {
      for (const s of stores) await s.close();
      await env.cleanup();
    });

    it('authenticates a key it made, by role, shop and id; refuses a key it never made', async () => {
      const keys = new ApiKeys(stores[0]!);
      const { key, record } = await keys.create({ name: 'acme seller', role: 'SELLER', shopId: 'shop-1' });
      expect(record).not.toHaveProperty('hash');
      expect(key).toMatch(/^sce_seller_/);
      expect(await keys.authenticate(key)).toEqual({
        role: 'SELLER',
        shopId: 'shop-1',
        keyId: record.id,
        name: 'acme seller',
      });
      expect(await keys.authenticate(`${key}x`)).toBeUndefined();
      expect(JSON.stringify(await stores[0]!.list())).not.toContain(key);
    });

    it('a key made or revoked by one engine holds on the other within a second', async () => {
      const clock = clockAt('2026-11-27T00:00:00Z');
      const [a, b] = stores.map((s) => new ApiKeys(s, clock.now));
      const { key, record } = await a!.create({ name: 'svc', role: 'BUYER' });
      expect(await b!.authenticate(key)).toMatchObject({ keyId: record.id });
      await a!.revoke(record.id);
      expect(await a!.authenticate(key)).toBeUndefined();
      clock.move(KEY_CACHE_MS);
      expect(await b!.authenticate(key)).toBeUndefined();
    });

    it('refuses a key from its expiry on', async () => {
      const clock = clockAt('2026-11-27T00:00:00Z');
      const keys = new ApiKeys(stores[0]!, clock.now);
      const { key } = await keys.create({ name: 'temp', role: 'ANALYST', expiresAt: '2026-11-27T01:00:00.000Z' });
      clock.move(3_599_999);
      expect(await keys.authenticate(key)).toBeDefined();
      clock.move(1);
      expect(await keys.authenticate(key)).toBeUndefined();
    });

    it('rotates: a new key with the same role and shop, the old one working for the grace period only', async () => {
      const clock = clockAt('2026-11-27T00:00:00Z');
      const keys = new ApiKeys(stores[0]!, clock.now);
      const old = await keys.create({ name: 'acme', role: 'SELLER', shopId: 'shop-1' });
      const rotated = await keys.rotate(old.record.id, 60, null);
      expect(rotated.record).toMatchObject({ role: 'SELLER', shopId: 'shop-1', name: 'acme', replaces: old.record.id });
      expect(await keys.authenticate(old.key)).toBeDefined();
      expect(await keys.authenticate(rotated.key)).toMatchObject({ keyId: rotated.record.id });
      clock.move(60_000);
      expect(await keys.authenticate(old.key)).toBeUndefined();
      expect(await keys.authenticate(rotated.key)).toBeDefined();
      const immediate = await keys.rotate(rotated.record.id, 0, null);
      expect(await keys.authenticate(rotated.key)).toBeUndefined();
      expect(await keys.authenticate(immediate.key)).toBeDefined();
    });

    it('loses none of 100 keys made at once on two engines', async () => {
      const [a, b] = stores.map((s) => new ApiKeys(s));
      const made = await Promise.all(
        Array.from({ length: 100 }, (_, i) => (i % 2 ? a! : b!).create({ name: `k-${i}`, role: 'BUYER' })),
      );
      expect(await a!.list()).toHaveLength(100);
      for (const { key, record } of made) expect(await b!.authenticate(key)).toMatchObject({ keyId: record.id });
    });

    it('makes one first key between engines starting together, in a private file removed after its first use', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sce-first-key-'));
      try {
        const [a, b] = stores.map((s) => new ApiKeys(s));
        const files = await Promise.all([a!.ensureFirstKey(join(dir, 'a.txt')), b!.ensureFirstKey(join(dir, 'b.txt'))]);
        const made = files.filter((f): f is string => f !== undefined);
        expect(made).toHaveLength(1);
        expect(statSync(made[0]!).mode & 0o777).toBe(0o600);
        const key = readFileSync(made[0]!, 'utf8').trim();
        const maker = made[0]!.endsWith('a.txt') ? a! : b!;
        expect(await maker.authenticate(key)).toMatchObject({ role: 'PLATFORM' });
        expect(existsSync(made[0]!)).toBe(false);
        expect(await a!.ensureFirstKey(join(dir, 'again.txt'))).toBeUndefined();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('takes in the JSON key file of older engines', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sce-legacy-'));
      try {
        const file = join(dir, 'api-keys.json');
        writeFileSync(
          file,
          JSON.stringify([{ name: 'old seller', role: 'SELLER', shopId: 'shop-1', hash: hashOf('sce_seller_old') }]),
        );
        const keys = new ApiKeys(stores[0]!);
        expect(await keys.importFile(file)).toBe(1);
        expect(await keys.authenticate('sce_seller_old')).toMatchObject({
          role: 'SELLER',
          shopId: 'shop-1',
          name: 'old seller',
        });
        expect(existsSync(`${file}.imported`)).toBe(true);
        expect(await keys.importFile(file)).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

contract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sce-keys-'));
  return {
    open: async () => new SqliteApiKeyStore(join(dir, 'keys.db')),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describeWith('postgres', 'PostgreSQL', () =>
  contract('PostgreSQL', async () => {
    const { schema, drop } = await freshSchema('sce_keys');
    return { open: () => PostgresApiKeyStore.connect(TEST_PG_URL, schema), cleanup: drop };
  }),
);
