import { Api } from '../api/client';

/**
 * The signed-in key: in this tab's memory and its sessionStorage (so a reload keeps it and
 * closing the tab forgets it), never in a URL, localStorage or a log.
 */
const STORAGE = 'sce.console.key';

let current: { key: string; api: Api } | undefined;

function stored(): string | undefined {
  try {
    return sessionStorage.getItem(STORAGE) ?? undefined;
  } catch {
    return undefined;
  }
}

export function currentApi(): Api | undefined {
  const key = current?.key ?? stored();
  if (!key) return undefined;
  if (current?.key !== key) current = { key, api: new Api(key) };
  return current.api;
}

export function signIn(key: string): Api {
  current = { key, api: new Api(key) };
  try {
    sessionStorage.setItem(STORAGE, key);
  } catch {
    // Storage refused (private mode): the key lives in memory until the tab closes.
  }
  return current.api;
}

export function signOut(): void {
  current = undefined;
  try {
    sessionStorage.removeItem(STORAGE);
  } catch {
    // Nothing was stored.
  }
}
