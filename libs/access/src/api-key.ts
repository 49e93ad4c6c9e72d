import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@sce/domain';

/** An API key as stored: everything but the key itself, of which only a hash is kept. */
export interface ApiKeyRecord {
  /** Public and stable: recorded in every event the key's commands cause (`metadata.keyId`). */
  id: string;
  name: string;
  role: Role;
  /** The one shop a SELLER key acts on. */
  shopId: string | null;
  /** sha256 of the key, hex. */
  hash: string;
  createdAt: string;
  /** The key is refused from this instant on; null for never. */
  expiresAt: string | null;
  revokedAt: string | null;
  /** The id of the key that created this one (null for the first key and the CLI's). */
  createdBy: string | null;
  /** The key this one was rotated from. */
  replaces: string | null;
}

/** What may be shown of a key: never its hash. */
export type ApiKeyView = Omit<ApiKeyRecord, 'hash'>;

export const viewOf = ({ hash: _hash, ...view }: ApiKeyRecord): ApiKeyView => view;

export const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/** A new key: `sce_<role>_` and 192 random bits, so a leaked key says what it can do. */
export const newSecret = (role: Role) => `sce_${role.toLowerCase()}_${randomBytes(24).toString('base64url')}`;

export const newKeyId = () => `key_${randomBytes(9).toString('base64url')}`;

/** Is the key usable at `now` (ISO)? */
export const isLive = (record: ApiKeyRecord, now: string) =>
  record.revokedAt === null && (record.expiresAt === null || now < record.expiresAt);
