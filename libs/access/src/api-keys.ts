import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import type { Principal, Role } from '@sce/domain';
import { hashOf, isLive, newKeyId, newSecret, viewOf, type ApiKeyRecord, type ApiKeyView } from './api-key';
import type { ApiKeyStore } from './api-key-store.port';

/** Who a request or a message comes from: the key's role and shop, its id and name. */
export type Caller = Principal & { keyId: string; name: string };

export interface NewKey {
  name: string;
  role: Role;
  shopId?: string | null;
  /** RFC 3339, canonical UTC; absent for a key that does not expire. */
  expiresAt?: string | null;
  /** The key that makes this one. */
  createdBy?: string | null;
}

/** How long a looked-up key is trusted before the store is asked again: what "at once" means across engines. */
export const KEY_CACHE_MS = 1000;

/** No such key: the management routes answer 404 `key.not-found`. */
export class UnknownKeyError extends Error {
  readonly code = 'key.not-found';
}

/**
 * API keys, one role each (a SELLER key is bound to one shop): created, listed, revoked, rotated,
 * with an optional expiry. The key itself is shown once, at creation; the store keeps its hash.
 * Lookups are cached for `KEY_CACHE_MS`, so a key made or revoked on one engine holds on every
 * engine of the same store within a second, without a store round trip per request.
 */
export class ApiKeys {
  private readonly cache = new Map<string, { record: ApiKeyRecord; until: number }>();
  private firstKey?: { id: string; file: string };

  constructor(
    private readonly store: ApiKeyStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Creates a key and returns it with its record: the only time the key can be read. */
  async create(spec: NewKey): Promise<{ key: string; record: ApiKeyView }> {
    const key = newSecret(spec.role);
    const record = this.recordFor(spec, key);
    await this.store.insert(record);
    return { key, record: viewOf(record) };
  }

  /**
   * With no key at all, makes a development PLATFORM key and writes it to `file` (0600), which is
   * removed once the key has been used; engines sharing a store make one between them.
   * @returns the file, when this call made the key.
   */
  async ensureFirstKey(file: string): Promise<string | undefined> {
    const key = newSecret('PLATFORM');
    const record = this.recordFor({ name: 'first platform key', role: 'PLATFORM' }, key);
    if (!(await this.store.insertFirst(record))) return undefined;
    writeFileSync(file, `${key}\n`, { mode: 0o600 });
    this.firstKey = { id: record.id, file };
    return file;
  }

  /** The file holding the first-start key until that key is used, if this process made it. */
  get firstKeyFile(): string | undefined {
    return this.firstKey?.file;
  }

  /** The caller a key stands for, or undefined for a key that is unknown, revoked or expired. */
  async authenticate(key: string): Promise<Caller | undefined> {
    const now = this.clock();
    const hash = hashOf(key);
    let cached = this.cache.get(hash);
    if (!cached || cached.until <= now.getTime()) {
      const record = await this.store.byHash(hash);
      cached = record && { record, until: now.getTime() + KEY_CACHE_MS };
      if (cached) this.cache.set(hash, cached);
      else this.cache.delete(hash);
    }
    if (!cached || !isLive(cached.record, now.toISOString())) return undefined;
    const { id, role, shopId, name } = cached.record;
    if (this.firstKey?.id === id) this.forgetFirstKeyFile();
    return { role, keyId: id, name, ...(shopId ? { shopId } : {}) };
  }

  async list(): Promise<ApiKeyView[]> {
    return (await this.store.list()).map(viewOf);
  }

  async get(id: string): Promise<ApiKeyView> {
    const record = await this.store.byId(id);
    if (!record) throw new UnknownKeyError(`there is no API key ${id}`);
    return viewOf(record);
  }

  /** Refuses the key from now on, here at once and on other engines within `KEY_CACHE_MS`. */
  async revoke(id: string): Promise<ApiKeyView> {
    const existing = await this.get(id);
    const revoked = await this.store.update(id, { revokedAt: existing.revokedAt ?? this.clock().toISOString() });
    this.forget(id);
    return viewOf(revoked!);
  }

  /**
   * A new key for the same name, role, shop and expiry; the old one keeps working for
   * `graceSeconds` (0: it is revoked now), so a service can switch without an outage.
   */
  async rotate(id: string, graceSeconds: number, by: string | null): Promise<{ key: string; record: ApiKeyView }> {
    const old = await this.get(id);
    if (old.revokedAt) throw new UnknownKeyError(`API key ${id} is revoked: create a new one`);
    const key = newSecret(old.role);
    const record = { ...this.recordFor({ ...old, createdBy: by }, key), replaces: id };
    await this.store.insert(record);
    const now = this.clock();
    if (graceSeconds === 0) await this.store.update(id, { revokedAt: now.toISOString() });
    else {
      const until = new Date(now.getTime() + graceSeconds * 1000).toISOString();
      if (old.expiresAt === null || until < old.expiresAt) await this.store.update(id, { expiresAt: until });
    }
    this.forget(id);
    return { key, record: viewOf(record) };
  }

  /**
   * Takes in the keys of the JSON file older engines kept (`SCE_API_KEYS_FILE`): each keeps
   * working, with an id of its own; the file is renamed `….imported`. Returns how many came in.
   */
  async importFile(file: string): Promise<number> {
    if (!existsSync(file)) return 0;
    const old = JSON.parse(readFileSync(file, 'utf8')) as { name: string; role: Role; shopId?: string; hash: string }[];
    let imported = 0;
    for (const { name, role, shopId, hash } of old) {
      if (await this.store.byHash(hash)) continue;
      await this.store.insert({ ...this.recordFor({ name, role, shopId }, ''), hash });
      imported++;
    }
    renameSync(file, `${file}.imported`);
    return imported;
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private recordFor(spec: NewKey, key: string): ApiKeyRecord {
    return {
      id: newKeyId(),
      name: spec.name,
      role: spec.role,
      shopId: spec.role === 'SELLER' ? (spec.shopId ?? null) : null,
      hash: hashOf(key),
      createdAt: this.clock().toISOString(),
      expiresAt: spec.expiresAt ?? null,
      revokedAt: null,
      createdBy: spec.createdBy ?? null,
      replaces: null,
    };
  }

  private forget(id: string): void {
    for (const [hash, { record }] of this.cache) if (record.id === id) this.cache.delete(hash);
  }

  /** The first key has been used: it is someone's now, and no longer sits in a file. */
  private forgetFirstKeyFile(): void {
    const { file } = this.firstKey!;
    this.firstKey = undefined;
    if (existsSync(file)) unlinkSync(file);
  }
}
