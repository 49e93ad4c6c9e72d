import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { campaigns, type DocStore } from '@sce/projections';
import { READ_DOCS } from '../tokens';

type Campaigns = Awaited<ReturnType<typeof campaigns>>;

/** Every campaign and where it stands at `asOf`. */
export class CampaignsQuery extends Query<Campaigns> {
  constructor(readonly asOf: string) {
    super();
  }
}

@QueryHandler(CampaignsQuery)
export class CampaignsQueryHandler implements IQueryHandler<CampaignsQuery, Campaigns> {
  constructor(@Inject(READ_DOCS) private readonly docs: DocStore) {}

  execute({ asOf }: CampaignsQuery): Promise<Campaigns> {
    return campaigns(this.docs, asOf);
  }
}
