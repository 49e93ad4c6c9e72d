import { ROLES, type Role } from '@sce/domain';
import { canonicalInstant } from '@sce/contracts';
import { openApiKeys, type EngineConfig } from '@sce/runtime';
import { UsageError } from './usage';

export const KEYS_USAGE = `  keys create --role ROLE --name NAME [--shop SHOP_ID] [--expires RFC3339]
                 make an API key and print it (the only time it is shown); ROLE: ${ROLES.join(', ')}
  keys list      every key: id, name, role, shop, created, expiry, revocation (never the keys)
  keys revoke KEY_ID
                 refuse the key from now on, on every engine of this store within a second`;

const option = (args: string[], name: string) => {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
  return value;
};

/** `keys …`: API keys in the engine's own store, while the engine runs or not. Returns what to print. */
export async function keysCommand(config: EngineConfig, args: string[]): Promise<string> {
  const [verb, ...rest] = args;
  const keys = await openApiKeys(config);
  try {
    if (verb === 'create') {
      const role = option(rest, 'role');
      const name = option(rest, 'name');
      const shopId = option(rest, 'shop');
      const expires = option(rest, 'expires');
      if (!role || !(ROLES as readonly string[]).includes(role))
        throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      if (!name) throw new UsageError('--name is required: who or what the key is for');
      if (role === 'SELLER' && !shopId) throw new UsageError('a SELLER key needs --shop SHOP_ID');
      const expiresAt = expires === undefined ? undefined : canonicalInstant(expires);
      if (expires !== undefined && (!expiresAt || expiresAt <= new Date().toISOString()))
        throw new UsageError('--expires must be a future RFC 3339 time such as 2027-01-01T00:00:00Z');
      const { key, record } = await keys.create({ name, role: role as Role, shopId, expiresAt });
      return `${JSON.stringify({ key, ...record }, null, 2)}\n`;
    }
    if (verb === 'list') return `${JSON.stringify(await keys.list(), null, 2)}\n`;
    if (verb === 'revoke') {
      const [id] = rest;
      if (!id) throw new UsageError('keys revoke needs the key id (from keys list)');
      return `${JSON.stringify(await keys.revoke(id), null, 2)}\n`;
    }
    throw new UsageError(`keys takes create, list or revoke, not ${verb ?? 'nothing'}`);
  } finally {
    await keys.close();
  }
}
