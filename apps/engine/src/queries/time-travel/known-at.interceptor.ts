import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { canonicalInstant } from '@sce/contracts';
import type { EventStore } from '@sce/event-store';
import type { KnownAt, TimeTravel } from '@sce/projections';
import type { EngineConfig } from '@sce/runtime';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { invalidInput } from '../../http/strict-input.pipe';
import { CONFIG, EVENT_STORE, READ_DOCS, TIME_TRAVEL } from '../../tokens';
import type { ReadDocs } from './read-docs';

interface Reply {
  header(name: string, value: string): Reply;
}

type Query = Record<string, unknown>;

/**
 * `knownAt` / `knownAtPosition` on a read route: the whole request (the shop check included) reads
 * the read models replayed to that point, never the live ones, and the answer says which position
 * it is as of. A malformed value is left to the route's validation, which names it.
 */
@Injectable()
export class KnownAtInterceptor implements NestInterceptor {
  constructor(
    @Inject(TIME_TRAVEL) private readonly travel: TimeTravel,
    @Inject(READ_DOCS) private readonly docs: ReadDocs,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CONFIG) private readonly config: EngineConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const query = (http.getRequest<{ query?: Query }>().query ?? {}) as Query;
    const at = knownAt(query);
    if (!at) return next.handle();
    return from(
      this.checked(query, at).then(() =>
        this.travel.read(at, ({ docs, position }) => {
          http.getResponse<Reply>().header('x-known-at-position', String(position));
          return this.docs.replayedFor(docs, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
        }),
      ),
    );
  }

  private async checked(query: Query, at: KnownAt): Promise<void> {
    const fields = ['knownAt', 'knownAtPosition', 'atPosition'].filter((f) => query[f] !== undefined);
    if (fields.length > 1)
      throw invalidInput([{ field: fields[1]!, message: `${fields.join(' and ')} do not go together: choose one` }]);
    if (this.config.readOnly)
      throw invalidInput([
        {
          field: 'position' in at ? 'knownAtPosition' : 'knownAt',
          message: `a read-only engine has no log to travel back in: it answers as of position ${await this.events.headPosition()} only`,
        },
      ]);
    if ('position' in at) {
      const head = await this.events.headPosition();
      if (at.position > head)
        throw invalidInput([
          {
            field: 'knownAtPosition',
            message: `knownAtPosition ${at.position} is past the end of the log (position ${head})`,
          },
        ]);
    }
  }
}

/** The point asked for, when the query asks for one that is well formed. */
function knownAt(query: Query): KnownAt | undefined {
  const { knownAt: time, knownAtPosition: position } = query;
  if (typeof position === 'string' && /^\d{1,15}$/.test(position)) return { position: Number(position) };
  const instant = canonicalInstant(time);
  return instant ? { time: instant } : undefined;
}
