import {
  createParamDecorator,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Principal } from '@sce/domain';
import { API_KEYS } from '../tokens';
import type { ApiKeys } from './api-keys';

export type Caller = Principal & { id: string };

/** Every route but /health, /metrics and /docs needs a key: `Authorization: Bearer <key>` or `x-api-key`. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(API_KEYS) private readonly keys: { keys: ApiKeys }) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; caller?: Caller }>();
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const key = bearer ?? request.headers['x-api-key'];
    if (!key) throw new UnauthorizedException('an API key is required: send "Authorization: Bearer <key>"');
    const caller = this.keys.keys.principalOf(key);
    if (!caller) throw new UnauthorizedException('unknown API key');
    request.caller = caller;
    return true;
  }
}

export const CallerOf = createParamDecorator(
  (_: unknown, context: ExecutionContext): Caller => context.switchToHttp().getRequest<{ caller: Caller }>().caller,
);
