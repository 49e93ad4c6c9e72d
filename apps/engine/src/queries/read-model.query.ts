import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  campaigns,
  dashboard,
  orderDetail,
  orderList,
  orderStats,
  products,
  returns,
  type DocStore,
  type ProjectionRunner,
  type Range,
} from '@sce/projections';
import { DOC_STORE, PROJECTION_RUNNER } from '../tokens';

export type ReadModel =
  | { kind: 'dashboard'; shopId: string; range: Range; asOf: string }
  | { kind: 'orderStats'; shopId: string; range: Range }
  | { kind: 'order'; shopId: string; orderId: string }
  | { kind: 'orders'; shopId: string; status?: string; range?: Range; limit: number }
  | { kind: 'returns'; shopId: string; range: Range }
  | { kind: 'products'; shopId: string; status?: string }
  | { kind: 'campaigns'; asOf: string };

/** A read, optionally after the read models reached `atPosition` (read your own writes). */
export class ReadModelQuery extends Query<unknown> {
  constructor(
    readonly read: ReadModel,
    readonly atPosition?: number,
    readonly waitMs = 2000,
  ) {
    super();
  }
}

export class NotCaughtUp extends Error {}

@QueryHandler(ReadModelQuery)
export class ReadModelQueryHandler implements IQueryHandler<ReadModelQuery> {
  constructor(
    @Inject(DOC_STORE) private readonly docs: DocStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  async execute({ read, atPosition, waitMs }: ReadModelQuery): Promise<unknown> {
    if (atPosition !== undefined && !(await this.runner.waitFor(atPosition, waitMs))) {
      throw new NotCaughtUp(
        `the read models reached position ${this.runner.position}, not ${atPosition}, within ${waitMs} ms`,
      );
    }
    switch (read.kind) {
      case 'dashboard':
        return dashboard(this.docs, read.shopId, read.range, read.asOf);
      case 'orderStats':
        return orderStats(this.docs, read.shopId, read.range);
      case 'order':
        return orderDetail(this.docs, read.shopId, read.orderId);
      case 'orders':
        return orderList(this.docs, read.shopId, read);
      case 'returns':
        return returns(this.docs, read.shopId, read.range);
      case 'products':
        return products(this.docs, read.shopId, read.status);
      case 'campaigns':
        return campaigns(this.docs, read.asOf);
    }
  }
}
