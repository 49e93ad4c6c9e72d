import type { Accepted } from './types';

/** A refusal from the engine: `rejected` (a stable code and a message), `invalid`, 401, 404, 5xx. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly errors: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** One command as sent. Kept by whoever may retry it: a retry sends the same `commandId`. */
export interface Command {
  commandId: string;
  type: string;
  shopId?: string;
  payload: object;
}

export type Params = Record<string, string | number | undefined>;

/** A fresh command id; `crypto.randomUUID` exists only in secure contexts, so fall back to random bytes. */
export function newCommandId(): string {
  if (typeof crypto.randomUUID === 'function') return `console-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const RETRIES = [300, 1000];
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The engine's HTTP API for one key. Reads wait for the last position this client's commands
 * wrote (`atPosition`), so a page re-read after a command shows its effect and an older poll
 * answer cannot undo it. The key goes in the Authorization header only, never in a URL.
 */
export class Api {
  private position = 0;

  constructor(
    private readonly key: string,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  /** The highest global position a command of this client wrote (0 before any). */
  get writtenUpTo(): number {
    return this.position;
  }

  async get<T>(path: string, params: Params = {}): Promise<T> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, String(value));
    if (this.position > 0) query.set('atPosition', String(this.position));
    const search = query.toString();
    const response = await this.fetchImpl(search ? `${path}?${search}` : path, {
      headers: { authorization: `Bearer ${this.key}`, accept: 'application/json' },
      cache: 'no-store',
    });
    const body = await bodyOf(response);
    if (!response.ok) throw errorOf(response.status, body);
    return body as T;
  }

  /**
   * Sends `command`; on no answer, a 5xx or a `conflict` it tries again with the same id (the
   * engine's ledger makes that safe). Resolves when accepted; throws an ApiError otherwise.
   */
  async send(command: Command): Promise<Accepted> {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetchImpl('/v1/commands', {
          method: 'POST',
          headers: { authorization: `Bearer ${this.key}`, 'content-type': 'application/json' },
          body: JSON.stringify(command),
        });
      } catch {
        if (attempt < RETRIES.length) {
          await wait(RETRIES[attempt]!);
          continue;
        }
        throw new ApiError(
          0,
          undefined,
          'The engine did not answer. Retrying sends the same command again: it is applied at most once.',
        );
      }
      const body = await bodyOf(response);
      const retriable = response.status >= 500 || (body as { status?: string } | undefined)?.status === 'conflict';
      if (retriable && attempt < RETRIES.length) {
        await wait(RETRIES[attempt]!);
        continue;
      }
      if (response.status === 200 && (body as Accepted).status === 'accepted') {
        const accepted = body as Accepted;
        this.position = Math.max(this.position, ...accepted.positions);
        return accepted;
      }
      throw errorOf(response.status, body);
    }
  }
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function errorOf(status: number, body: unknown): ApiError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as {
    code?: string;
    message?: string | string[];
    status?: string;
    errors?: { field: string; message: string }[];
  };
  if (b.status === 'invalid' && b.errors?.length) {
    return new ApiError(status, undefined, b.errors.map((e) => `${e.field}: ${e.message}`).join('; '), b.errors);
  }
  const message = Array.isArray(b.message) ? b.message.join('; ') : b.message;
  if (status === 401) return new ApiError(status, 'auth.unknown-key', message ?? 'The API key was not accepted.');
  if (b.status === 'conflict') return new ApiError(status, 'conflict', 'The order of events kept changing; try again.');
  return new ApiError(status, b.code, message ?? (typeof body === 'string' && body ? body : `HTTP ${status}`));
}
