import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Query,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@sce/application';
import { DomainError } from '@sce/domain';
import type { EventStore } from '@sce/event-store';
import { addDays, localDate, type ProjectionRunner, type Range } from '@sce/projections';
import { ApiKeyGuard, CallerOf, type Caller } from '../auth/auth.guard';
import { Answers, READ_ERRORS } from '../http/openapi/answers';
import { invalidInput } from '../http/strict-input.pipe';
import { CLOCK, EVENT_STORE, PROJECTION_RUNNER } from '../tokens';
import {
  CampaignParams,
  ConsistencyParams,
  DashboardParams,
  DeadlineParams,
  LocalRangeParams,
  OrderListParams,
  PerformanceParams,
  ProductParams,
  RangeParams,
  ToShipParams,
} from './query-params.dto';
import { LiveSessionsQuery, PerformanceQuery } from './analytics.query';
import { CampaignsQuery } from './campaigns.query';
import { DashboardQuery } from './dashboard.query';
import { OverdueQuery, ToShipQuery } from './deadlines.query';
import { NotCaughtUp } from './not-caught-up';
import { OrderDetailQuery, OrderListQuery, OrderStatsQuery } from './orders.query';
import { ProductsQuery } from './products.query';
import { READ_MODEL_HEADERS, ReadModelsLag } from './read-models-lag.interceptor';
import { ReturnsQuery } from './returns.query';
import { ShopQuery } from './shop.query';
import { KnownAtInterceptor } from './time-travel/known-at.interceptor';

const READERS = ['SELLER', 'PLATFORM', 'ANALYST'];

@ApiTags('read models')
@UseGuards(ApiKeyGuard)
@UseInterceptors(ReadModelsLag, KnownAtInterceptor)
@Controller('v1')
export class QueriesController {
  constructor(
    private readonly bus: QueryBus,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    // "Now" is the engine's clock, as the timers read it: the test clock where one is set.
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  @Get('shops/:shopId/dashboard')
  @Answers({ 200: 'Dashboard', ...READ_ERRORS }, READ_MODEL_HEADERS)
  @ApiOperation({
    summary:
      'Visitors, buyers, orders, GMV, refunds, LIVE sessions per local day and month; seller performance; campaigns; compare=previous',
  })
  async dashboard(@Param('shopId') shopId: string, @Query() q: DashboardParams, @CallerOf() caller: Caller) {
    const range = await this.rangeFor(shopId, q, caller);
    return this.bus.execute(new DashboardQuery(shopId, range, q.asOf ?? this.now(), q.compare));
  }

  @Get('shops/:shopId/performance')
  @Answers({ 200: 'Performance', ...READ_ERRORS }, READ_MODEL_HEADERS)
  @ApiOperation({
    summary: 'Seller performance over the 30 local days before to: late shipments, cancellations, response time',
  })
  async performance(@Param('shopId') shopId: string, @Query() q: PerformanceParams, @CallerOf() caller: Caller) {
    const shop = await this.allow(shopId, caller, q);
    return this.bus.execute(new PerformanceQuery(shopId, q.to ?? this.tomorrow(shop.timeZone)));
  }

  @Get('shops/:shopId/live-sessions')
  @Answers({ 200: 'LiveSessions', ...READ_ERRORS }, READ_MODEL_HEADERS)
  @ApiOperation({ summary: 'LIVE sessions started in the range, newest first, with their orders, units and GMV' })
  async liveSessions(@Param('shopId') shopId: string, @Query() q: LocalRangeParams, @CallerOf() caller: Caller) {
    return this.bus.execute(new LiveSessionsQuery(shopId, await this.rangeFor(shopId, q, caller)));
  }

  @Get('shops/:shopId/orders/stats')
  @Answers({ 200: 'OrderStats', ...READ_ERRORS }, READ_MODEL_HEADERS)
  @ApiOperation({ summary: 'Orders placed in the range: counts by status, by day and by month' })
  async orderStats(@Param('shopId') shopId: string, @Query() q: RangeParams, @CallerOf() caller: Caller) {
    return this.bus.execute(new OrderStatsQuery(shopId, await this.rangeFor(shopId, q, caller)));
  }

  @Get('shops/:shopId/orders')
  @Answers({ 200: 'OrderList', ...READ_ERRORS }, READ_MODEL_HEADERS)
  @ApiOperation({
    summary:
      'Orders, newest first, by status and placed range, a page at a time (the queue to ship by deadline: orders/to-ship)',
  })
  async orders(@Param('shopId') shopId: string, @Query() q: OrderListParams, @CallerOf() caller: Caller) {
    await this.allow(shopId, caller, q);
    const range = q.from || q.to ? await this.rangeFor(shopId, q, caller) : undefined;
    return this.bus.execute(
      new OrderListQuery(shopId, { status: q.status, range, limit: q.limit ?? 100, cursor: q.cursor }),
    );
  }

  @Get('shops/:shopId/orders/to-ship')
  @Answers({ 200: 'ToShip', ...READ_ERRORS }, READ_MODEL_HEADERS)
  @ApiOperation({
    summary: 'The queue to ship (awaiting shipment or partly shipped), soonest shipBy first, overdue at asOf',
  })
  async toShip(@Param('shopId') shopId: string, @Query() q: ToShipParams, @CallerOf() caller: Caller) {
    await this.allow(shopId, caller, q);
    return this.bus.execute(new ToShipQuery(shopId, this.asOf(q), q.limit ?? 100));
  }

  @Get('shops/:shopId/overdue')
  @Answers({ 200: 'Overdue', ...READ_ERRORS }, READ_MODEL_HEADERS)
  @ApiOperation({
    summary: 'What is overdue at asOf: orders to ship past shipBy, cancellation and refund requests past respondBy',
  })
  async overdue(@Param('shopId') shopId: string, @Query() q: DeadlineParams, @CallerOf() caller: Caller) {
    await this.allow(shopId, caller, q);
    return this.bus.execute(new OverdueQuery(shopId, this.asOf(q)));
  }

  @Get('shops/:shopId/orders/:orderId')
  @Answers({ 200: 'OrderDetail', ...READ_ERRORS }, READ_MODEL_HEADERS)
  @ApiOperation({ summary: "One order's detail and history" })
  async order(
    @Param('shopId') shopId: string,
    @Param('orderId') orderId: string,
    @Query() q: ConsistencyParams,
    @CallerOf() caller: Caller,
  ) {
    await this.allow(shopId, caller, q);
    const order = await this.bus.execute(new OrderDetailQuery(shopId, orderId));
    if (!order)
      throw new NotFoundException({
        status: 'rejected',
        code: 'order.not-found',
        message: `order ${orderId} does not exist in this shop`,
      });
    return order;
  }

  @Get('shops/:shopId/returns')
  @Answers({ 200: 'Returns', ...READ_ERRORS }, READ_MODEL_HEADERS)
  @ApiOperation({
    summary:
      'Refund requests by status, the pending queue beside pending cancellation requests, units returned, amount refunded, return rate',
  })
  async returns(@Param('shopId') shopId: string, @Query() q: RangeParams, @CallerOf() caller: Caller) {
    return this.bus.execute(new ReturnsQuery(shopId, await this.rangeFor(shopId, q, caller), this.asOf(q)));
  }

  @Get('shops/:shopId/products')
  @Answers({ 200: 'Products', ...READ_ERRORS }, READ_MODEL_HEADERS)
  @ApiOperation({ summary: 'The product list with status, stock and reason, and counts per status' })
  async products(@Param('shopId') shopId: string, @Query() q: ProductParams, @CallerOf() caller: Caller) {
    await this.allow(shopId, caller, q);
    return this.bus.execute(new ProductsQuery(shopId, q.status));
  }

  @Get('campaigns')
  @Answers({ 200: 'Campaigns', ...READ_ERRORS }, READ_MODEL_HEADERS)
  @ApiOperation({ summary: 'Every campaign: windows, state, participating shops and products, campaign sales' })
  async campaigns(@Query() q: CampaignParams, @CallerOf() caller: Caller) {
    if (!READERS.includes(caller.role))
      throw new DomainError('auth.role-not-allowed', `a ${caller.role} key cannot read campaigns`);
    await this.caughtUp(q);
    return this.bus.execute(new CampaignsQuery(q.asOf ?? this.now()));
  }

  /** The instant a deadline is judged at: the query's, else the engine's clock (the test clock in tests). */
  private asOf(q: { asOf?: string }): string {
    return q.asOf ?? this.now();
  }

  /**
   * Read your own writes: first wait until the read models include `atPosition`, then look at
   * them (a shop registered by that very command is found).
   */
  private async caughtUp({ atPosition, waitMs = 2000 }: ConsistencyParams): Promise<void> {
    if (atPosition === undefined || atPosition <= this.runner.position) return;
    // Positions come from outcomes, of events already stored: one past the head names nothing.
    const head = await this.events.headPosition();
    if (atPosition > head)
      throw invalidInput([
        { field: 'atPosition', message: `atPosition ${atPosition} is past the end of the log (position ${head})` },
      ]);
    if (await this.runner.waitFor(atPosition, waitMs)) return;
    throw new NotCaughtUp(
      `the read models reached position ${this.runner.position}, not ${atPosition}, within ${waitMs} ms`,
    );
  }

  /** Sellers read their own shop; the platform and analysts read every shop. */
  private async allow(shopId: string, caller: Caller, q: ConsistencyParams) {
    await this.caughtUp(q);
    if (!READERS.includes(caller.role))
      throw new DomainError('auth.role-not-allowed', `a ${caller.role} key cannot read shop figures`);
    if (caller.role === 'SELLER' && caller.shopId !== shopId)
      throw new DomainError('auth.not-own-shop', `this seller reads only shop ${caller.shopId}, not ${shopId}`);
    const shop = await this.bus.execute(new ShopQuery(shopId));
    if (!shop)
      throw new NotFoundException({
        status: 'rejected',
        code: 'shop.not-found',
        message: `shop ${shopId} is not registered`,
      });
    return shop;
  }

  /** The day after today in the shop's zone: a range's default end. */
  private tomorrow(timeZone: string): string {
    return addDays(localDate(this.now(), timeZone), 1);
  }

  private async rangeFor(shopId: string, q: LocalRangeParams, caller: Caller): Promise<Range> {
    const shop = await this.allow(shopId, caller, q);
    const to = q.to ?? this.tomorrow(shop.timeZone);
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
