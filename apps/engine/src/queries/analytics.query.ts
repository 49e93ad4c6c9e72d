import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  liveSessions,
  sellerPerformance,
  type DocStore,
  type LiveSessions,
  type Range,
  type SellerPerformance,
} from '@sce/projections';
import { READ_DOCS } from '../tokens';

/** The seller's performance over the 30 local days before `to`. */
export class PerformanceQuery extends Query<SellerPerformance> {
  constructor(
    readonly shopId: string,
    readonly to: string,
  ) {
    super();
  }
}

@QueryHandler(PerformanceQuery)
export class PerformanceQueryHandler implements IQueryHandler<PerformanceQuery, SellerPerformance> {
  constructor(@Inject(READ_DOCS) private readonly docs: DocStore) {}

  execute({ shopId, to }: PerformanceQuery): Promise<SellerPerformance> {
    return sellerPerformance(this.docs, shopId, to);
  }
}

/** The LIVE sessions started in the range, newest first, with what each sold. */
export class LiveSessionsQuery extends Query<LiveSessions> {
  constructor(
    readonly shopId: string,
    readonly range: Range,
  ) {
    super();
  }
}

@QueryHandler(LiveSessionsQuery)
export class LiveSessionsQueryHandler implements IQueryHandler<LiveSessionsQuery, LiveSessions> {
  constructor(@Inject(READ_DOCS) private readonly docs: DocStore) {}

  execute({ shopId, range }: LiveSessionsQuery): Promise<LiveSessions> {
    return liveSessions(this.docs, shopId, range);
  }
}
