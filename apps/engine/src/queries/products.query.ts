import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { products, type DocStore } from '@sce/projections';
import { READ_DOCS } from '../tokens';

type Products = Awaited<ReturnType<typeof products>>;

/** The shop's products (of one status, if given) and the count of each status. */
export class ProductsQuery extends Query<Products> {
  constructor(
    readonly shopId: string,
    readonly status?: string,
  ) {
    super();
  }
}

@QueryHandler(ProductsQuery)
export class ProductsQueryHandler implements IQueryHandler<ProductsQuery, Products> {
  constructor(@Inject(READ_DOCS) private readonly docs: DocStore) {}

  execute({ shopId, status }: ProductsQuery): Promise<Products> {
    return products(this.docs, shopId, status);
  }
}
