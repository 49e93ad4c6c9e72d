import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { shopOf, type DocStore, type ShopDoc } from '@sce/projections';
import { READ_DOCS } from '../tokens';

/** The shop a read names, with its time zone; undefined when it is not registered. */
export class ShopQuery extends Query<ShopDoc | undefined> {
  constructor(readonly shopId: string) {
    super();
  }
}

@QueryHandler(ShopQuery)
export class ShopQueryHandler implements IQueryHandler<ShopQuery, ShopDoc | undefined> {
  constructor(@Inject(READ_DOCS) private readonly docs: DocStore) {}

  execute({ shopId }: ShopQuery): Promise<ShopDoc | undefined> {
    return shopOf(this.docs, shopId);
  }
}
