import {
  createParamDecorator,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { ApiKeys, Caller } from '@sce/access';
import { API_KEYS } from '../tokens';

export type { Caller } from '@sce/access';

/** The key a request or message carries: `Authorization: Bearer <key>`, or `x-api-key`. */
export function keyIn(authorization: string | undefined, apiKeyHeader: string | undefined): string | undefined {
  return authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? apiKeyHeader;
}

/** Every route but /health, /metrics and /docs needs a live key (not revoked, not expired). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(API_KEYS) private readonly keys: ApiKeys) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; caller?: Caller }>();
    const key = keyIn(request.headers.authorization, request.headers['x-api-key']);
    if (!key) throw new UnauthorizedException('an API key is required: send "Authorization: Bearer <key>"');
    const caller = await this.keys.authenticate(key);
    if (!caller) throw new UnauthorizedException('unknown, revoked or expired API key');
    request.caller = caller;
    return true;
  }
}

export const CallerOf = createParamDecorator(
  (_: unknown, context: ExecutionContext): Caller => context.switchToHttp().getRequest<{ caller: Caller }>().caller,
);
