import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { orderDetail, orderList, orderStats, type DocStore, type OrderAnswer, type Range } from '@sce/projections';
import { READ_DOCS } from '../tokens';

type OrderStats = Awaited<ReturnType<typeof orderStats>>;
type OrderList = Awaited<ReturnType<typeof orderList>>;

/** Orders placed in the range, counted by status, day and month. */
export class OrderStatsQuery extends Query<OrderStats> {
  constructor(
    readonly shopId: string,
    readonly range: Range,
  ) {
    super();
  }
}

/** Orders newest first, by status and placed range, a page at a time. */
export class OrderListQuery extends Query<OrderList> {
  constructor(
    readonly shopId: string,
    readonly filter: { status?: string; range?: Range; limit: number; cursor?: string },
  ) {
    super();
  }
}

/** One order with its history; undefined when the shop has none of that id. */
export class OrderDetailQuery extends Query<OrderAnswer | undefined> {
  constructor(
    readonly shopId: string,
    readonly orderId: string,
  ) {
    super();
  }
}

@QueryHandler(OrderStatsQuery)
export class OrderStatsQueryHandler implements IQueryHandler<OrderStatsQuery, OrderStats> {
  constructor(@Inject(READ_DOCS) private readonly docs: DocStore) {}

  execute({ shopId, range }: OrderStatsQuery): Promise<OrderStats> {
    return orderStats(this.docs, shopId, range);
  }
}

@QueryHandler(OrderListQuery)
export class OrderListQueryHandler implements IQueryHandler<OrderListQuery, OrderList> {
  constructor(@Inject(READ_DOCS) private readonly docs: DocStore) {}

  execute({ shopId, filter }: OrderListQuery): Promise<OrderList> {
    return orderList(this.docs, shopId, filter);
  }
}

@QueryHandler(OrderDetailQuery)
export class OrderDetailQueryHandler implements IQueryHandler<OrderDetailQuery, OrderAnswer | undefined> {
  constructor(@Inject(READ_DOCS) private readonly docs: DocStore) {}

  execute({ shopId, orderId }: OrderDetailQuery): Promise<OrderAnswer | undefined> {
    return orderDetail(this.docs, shopId, orderId);
  }
}
