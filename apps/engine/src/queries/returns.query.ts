import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { returns, type DocStore, type Range } from '@sce/projections';
import { READ_DOCS } from '../tokens';

type Returns = Awaited<ReturnType<typeof returns>>;

/**
 * Refund requests of the range, the seller's queue (refunds and cancellation requests, overdue at
 * `asOf` or not), units and amounts, the return rate.
 */
export class ReturnsQuery extends Query<Returns> {
  constructor(
    readonly shopId: string,
    readonly range: Range,
    readonly asOf: string,
  ) {
    super();
  }
}

@QueryHandler(ReturnsQuery)
export class ReturnsQueryHandler implements IQueryHandler<ReturnsQuery, Returns> {
  constructor(@Inject(READ_DOCS) private readonly docs: DocStore) {}

  execute({ shopId, range, asOf }: ReturnsQuery): Promise<Returns> {
    return returns(this.docs, shopId, range, asOf);
  }
}
