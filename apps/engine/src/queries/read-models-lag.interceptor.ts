import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { HeadersObject } from '@nestjs/swagger';
import type { EventStore } from '@sce/event-store';
import type { ProjectionRunner } from '@sce/projections';
import { mergeMap, type Observable } from 'rxjs';
import { EVENT_STORE, PROJECTION_RUNNER } from '../tokens';

interface Reply {
  header(name: string, value: string): Reply;
}

/** What every read answers with besides its body: how far the read models it looked at are behind. */
export const READ_MODEL_HEADERS: HeadersObject = {
  'x-read-models-position': {
    description: 'the global position the read models had reached when the answer was made',
    schema: { type: 'integer' },
  },
  'x-known-at-position': {
    description: 'with knownAt or knownAtPosition only: the global position the replayed read models answer as of',
    schema: { type: 'integer' },
  },
  'x-read-models-lag': {
    description: 'events in the log past that position: 0 when caught up, many while catching up or rebuilding',
    schema: { type: 'integer' },
  },
};

/**
 * Sets the `x-read-models-*` headers on a read's answer. The engine answers while its read models
 * catch up (after a start behind the log, or during a rebuild): a reader learns so from these,
 * and waits for its own writes with `atPosition`.
 */
@Injectable()
export class ReadModelsLag implements NestInterceptor {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      mergeMap(async (answer) => {
        const position = this.runner.position;
        const head = await this.events.headPosition().catch(() => position);
        context
          .switchToHttp()
          .getResponse<Reply>()
          .header('x-read-models-position', String(position))
          .header('x-read-models-lag', String(Math.max(0, head - position)));
        return answer;
      }),
    );
  }
}
