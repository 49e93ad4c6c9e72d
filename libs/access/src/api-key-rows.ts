import type { ApiKeyRecord } from './api-key';

/** How a key is laid out in a row, the same on SQLite and PostgreSQL. */
export const COLUMNS = 'id, name, role, shop_id, hash, created_at, expires_at, revoked_at, created_by, replaces';

export interface Row {
  id: string;
  name: string;
  role: string;
  shop_id: string | null;
  hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  created_by: string | null;
  replaces: string | null;
}

export const recordOf = (r: Row): ApiKeyRecord => ({
  id: r.id,
  name: r.name,
  role: r.role as ApiKeyRecord['role'],
  shopId: r.shop_id,
  hash: r.hash,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  createdBy: r.created_by,
  replaces: r.replaces,
});

export const valuesOf = (k: ApiKeyRecord) => [
  k.id,
  k.name,
  k.role,
  k.shopId,
  k.hash,
  k.createdAt,
  k.expiresAt,
  k.revokedAt,
  k.createdBy,
  k.replaces,
];
