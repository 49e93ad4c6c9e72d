import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { dashboard, type DocStore, type Range } from '@sce/projections';
import { READ_DOCS } from '../tokens';

type Dashboard = Awaited<ReturnType<typeof dashboard>>;

/** The seller's home page: days, months and totals of the range, and the campaigns around `asOf`. */
export class DashboardQuery extends Query<Dashboard> {
  constructor(
    readonly shopId: string,
    readonly range: Range,
    readonly asOf: string,
  ) {
    super();
  }
}

@QueryHandler(DashboardQuery)
export class DashboardQueryHandler implements IQueryHandler<DashboardQuery, Dashboard> {
  constructor(@Inject(READ_DOCS) private readonly docs: DocStore) {}

  execute({ shopId, range, asOf }: DashboardQuery): Promise<Dashboard> {
    return dashboard(this.docs, shopId, range, asOf);
  }
}
