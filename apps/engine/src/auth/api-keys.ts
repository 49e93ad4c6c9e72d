import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Principal, Role } from '@sce/domain';

export interface ApiKeyRecord {
  name: string;
  role: Role;
  shopId?: string;
  /** sha256 of the key: the key itself is shown once, never stored. */
  hash: string;
}

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * API keys, one role each (a SELLER key is bound to one shop), kept hashed in a JSON file. With no
 * file, the first start writes one with a development PLATFORM key and says where it is.
 */
export class ApiKeys {
  private constructor(
    private readonly file: string,
    private records: ApiKeyRecord[],
  ) {}

  static open(file: string): { keys: ApiKeys; created?: { key: string; file: string } } {
    if (existsSync(file)) return { keys: new ApiKeys(file, JSON.parse(readFileSync(file, 'utf8')) as ApiKeyRecord[]) };
    const keys = new ApiKeys(file, []);
    const key = keys.create({ name: 'development platform key', role: 'PLATFORM' });
    writeFileSync(`${file}.first-key.txt`, `${key}\n`, { mode: 0o600 });
    return { keys, created: { key, file: `${file}.first-key.txt` } };
  }

  /** Creates a key and returns it: the only time it can be read. */
  create(record: Omit<ApiKeyRecord, 'hash'>): string {
    const key = `sce_${record.role.toLowerCase()}_${randomBytes(24).toString('base64url')}`;
    this.records = [...this.records, { ...record, hash: hashOf(key) }];
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, `${JSON.stringify(this.records, null, 2)}\n`, { mode: 0o600 });
    return key;
  }

  /** The principal a key stands for, or undefined for an unknown key. */
  principalOf(key: string): (Principal & { id: string }) | undefined {
    const hash = Buffer.from(hashOf(key), 'hex');
    const record = this.records.find((r) => timingSafeEqual(Buffer.from(r.hash, 'hex'), hash));
    return record ? { role: record.role, shopId: record.shopId, id: record.name } : undefined;
  }
}
