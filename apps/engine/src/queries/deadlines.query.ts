import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ordersToShip, overdue, type DocStore } from '@sce/projections';
import { READ_DOCS } from '../tokens';

type ToShip = Awaited<ReturnType<typeof ordersToShip>>;
type Overdue = Awaited<ReturnType<typeof overdue>>;

/** The orders still to ship, soonest ship-by first, each overdue or not at `asOf`. */
export class ToShipQuery extends Query<ToShip> {
  constructor(
    readonly shopId: string,
    readonly asOf: string,
    readonly limit: number,
  ) {
    super();
  }
}

/** How many orders, cancellation requests and refund requests are past their deadline at `asOf`. */
export class OverdueQuery extends Query<Overdue> {
  constructor(
    readonly shopId: string,
    readonly asOf: string,
  ) {
    super();
  }
}

@QueryHandler(ToShipQuery)
export class ToShipQueryHandler implements IQueryHandler<ToShipQuery, ToShip> {
  constructor(@Inject(READ_DOCS) private readonly docs: DocStore) {}

  execute({ shopId, asOf, limit }: ToShipQuery): Promise<ToShip> {
    return ordersToShip(this.docs, shopId, { asOf, limit });
  }
}

@QueryHandler(OverdueQuery)
export class OverdueQueryHandler implements IQueryHandler<OverdueQuery, Overdue> {
  constructor(@Inject(READ_DOCS) private readonly docs: DocStore) {}

  execute({ shopId, asOf }: OverdueQuery): Promise<Overdue> {
    return overdue(this.docs, shopId, { asOf });
  }
}
