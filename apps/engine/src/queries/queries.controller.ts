import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Query,
  UseGuards,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@sce/domain';
import { addDays, localDate, shopOf, type DocStore, type Range } from '@sce/projections';
import { ApiKeyGuard, CallerOf, type Caller } from '../auth/auth.guard';
import { DOC_STORE } from '../tokens';
import { CampaignParams, OrderListParams, ProductParams, RangeParams } from './query-params.dto';
import { ReadModelQuery, type ReadModel } from './read-model.query';

const READERS = ['SELLER', 'PLATFORM', 'ANALYST'];

@ApiTags('read models')
@ApiBearerAuth()
@UseGuards(ApiKeyGuard)
@Controller('v1')
export class QueriesController {
  constructor(
    private readonly bus: QueryBus,
    @Inject(DOC_STORE) private readonly docs: DocStore,
  ) {}

  @Get('shops/:shopId/dashboard')
  @ApiOperation({
    summary: 'Visitors, orders, items sold, GMV, refunds, LIVE sessions per local day and month; campaigns',
  })
  async dashboard(@Param('shopId') shopId: string, @Query() q: RangeParams, @CallerOf() caller: Caller) {
    const range = await this.rangeFor(shopId, q, caller);
    return this.read({ kind: 'dashboard', shopId, range, asOf: q.asOf ?? new Date().toISOString() }, q);
  }

  @Get('shops/:shopId/orders/stats')
  @ApiOperation({ summary: 'Orders placed in the range: counts by status, by day and by month' })
  async orderStats(@Param('shopId') shopId: string, @Query() q: RangeParams, @CallerOf() caller: Caller) {
    return this.read({ kind: 'orderStats', shopId, range: await this.rangeFor(shopId, q, caller) }, q);
  }

  @Get('shops/:shopId/orders')
  @ApiOperation({
    summary: 'Orders, newest first, by status (AWAITING_SHIPMENT is the queue to ship) and placed range',
  })
  async orders(@Param('shopId') shopId: string, @Query() q: OrderListParams, @CallerOf() caller: Caller) {
    await this.allow(shopId, caller);
    const range = q.from || q.to ? await this.rangeFor(shopId, q, caller) : undefined;
    return this.read({ kind: 'orders', shopId, status: q.status, range, limit: q.limit ?? 100 }, q);
  }

  @Get('shops/:shopId/orders/:orderId')
  @ApiOperation({ summary: "One order's detail and history" })
  async order(
    @Param('shopId') shopId: string,
    @Param('orderId') orderId: string,
    @Query() q: RangeParams,
    @CallerOf() caller: Caller,
  ) {
    await this.allow(shopId, caller);
    const order = await this.read({ kind: 'order', shopId, orderId }, q);
    if (!order)
      throw new NotFoundException({
        status: 'rejected',
        code: 'order.not-found',
        message: `order ${orderId} does not exist in this shop`,
      });
    return order;
  }

  @Get('shops/:shopId/returns')
  @ApiOperation({
    summary: 'Refund requests by status, the pending queue, units returned, amount refunded, return rate',
  })
  async returns(@Param('shopId') shopId: string, @Query() q: RangeParams, @CallerOf() caller: Caller) {
    return this.read({ kind: 'returns', shopId, range: await this.rangeFor(shopId, q, caller) }, q);
  }

  @Get('shops/:shopId/products')
  @ApiOperation({ summary: 'The product list with status, stock and reason, and counts per status' })
  async products(@Param('shopId') shopId: string, @Query() q: ProductParams, @CallerOf() caller: Caller) {
    await this.allow(shopId, caller);
    return this.read({ kind: 'products', shopId, status: q.status }, q);
  }

  @Get('campaigns')
  @ApiOperation({ summary: 'Every campaign: windows, state, participating shops and products, campaign sales' })
  async campaigns(@Query() q: CampaignParams, @CallerOf() caller: Caller) {
    if (!READERS.includes(caller.role))
      throw new DomainError('auth.role-not-allowed', `a ${caller.role} key cannot read campaigns`);
    return this.read({ kind: 'campaigns', asOf: q.asOf ?? new Date().toISOString() }, q);
  }

  private read(read: ReadModel, q: { atPosition?: number; waitMs?: number }) {
    return this.bus.execute(new ReadModelQuery(read, q.atPosition, q.waitMs));
  }

  /** Sellers read their own shop; the platform and analysts read every shop. */
  private async allow(shopId: string, caller: Caller) {
    if (!READERS.includes(caller.role))
      throw new DomainError('auth.role-not-allowed', `a ${caller.role} key cannot read shop figures`);
    if (caller.role === 'SELLER' && caller.shopId !== shopId)
      throw new DomainError('auth.not-own-shop', `this seller reads only shop ${caller.shopId}, not ${shopId}`);
    const shop = await shopOf(this.docs, shopId);
    if (!shop)
      throw new NotFoundException({
        status: 'rejected',
        code: 'shop.not-found',
        message: `shop ${shopId} is not registered`,
      });
    return shop;
  }

  private async rangeFor(shopId: string, q: RangeParams, caller: Caller): Promise<Range> {
    const shop = await this.allow(shopId, caller);
    const to = q.to ?? addDays(localDate(new Date().toISOString(), shop.timeZone), 1);
    const from = q.from ?? addDays(to, -7);
    if (from >= to)
      throw new BadRequestException({
        status: 'invalid',
        errors: [{ field: 'from', message: 'from must be before to' }],
      });
    if (addDays(from, 366) < to)
      throw new BadRequestException({
        status: 'invalid',
        errors: [{ field: 'to', message: 'a range covers at most 366 days' }],
      });
    return { from, to };
  }
}
