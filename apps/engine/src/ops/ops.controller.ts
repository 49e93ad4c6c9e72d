import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { TimerManager } from '@sce/application';
import type { EventStore } from '@sce/event-store';
import type { ProjectionRunner } from '@sce/projections';
import type { EngineConfig } from '@sce/runtime';
import { KafkaTransport } from '../kafka/kafka-transport';
import { CONFIG, EVENT_STORE, PROJECTION_RUNNER, TIMER_MANAGER } from '../tokens';
import { ref } from '../http/openapi/schema-kit';
import { Metrics } from './metrics';

/** Lag above which the read models count as unhealthy. */
const MAX_LAG = 10_000;

@ApiTags('operations')
@Controller()
export class OpsController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly metrics: Metrics,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    private readonly kafka: KafkaTransport,
    @Inject(TIMER_MANAGER) private readonly timers: TimerManager,
    @Inject(CONFIG) private readonly config: EngineConfig,
  ) {}

  @Get('health')
  @ApiResponse({ status: 200, description: 'healthy', schema: ref('Health') })
  @ApiResponse({ status: 503, description: 'a part is down: which, and why', schema: ref('Health') })
  @HealthCheck()
  @ApiOperation({
    summary:
      'Event store reachable, and how far the read models lag behind the log; a read-only engine: readModels with mode read-only and the position served',
  })
  check() {
    // Read-only: no log, projections, timers or Kafka to look at; the read models at one position.
    if (this.config.readOnly)
      return this.health.check([
        () => this.indicators.check('readModels').up({ mode: 'read-only', position: this.runner.position }),
      ]);
    return this.health.check([
      async () => {
        const store = this.indicators.check('eventStore');
        try {
          const head = await withTimeout(this.events.headPosition(), 2000);
          return store.up({ adapter: this.events.name, head });
        } catch (error) {
          return store.down({ adapter: this.events.name, error: String(error) });
        }
      },
      async () => {
        const projections = this.indicators.check('projections');
        const head = await withTimeout(this.events.headPosition(), 2000).catch(() => this.runner.position);
        const lag = Math.max(0, head - this.runner.position);
        this.metrics.projectionLag.set(lag);
        const building = this.runner.building;
        // A build beside the live read models: which projections, at which versions, how far.
        const data = { position: this.runner.position, lag, ...(building && { building }) };
        return lag <= MAX_LAG ? projections.up(data) : projections.down(data);
      },
      () => this.timerHealth(),
      ...(this.kafka.status() ? [() => this.kafkaHealth()] : []),
    ]);
  }

  @Get('health/live')
  @ApiOperation({
    summary:
      'The process answers: for a liveness probe. /health is readiness: an engine catching up on a long log is alive, not ready',
  })
  @ApiResponse({
    status: 200,
    description: 'alive',
    schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } },
  })
  live() {
    return { status: 'ok' };
  }

  /**
   * Where the timer manager is in the log, and its pending and overdue timers. Down when it leads
   * and lags as the read models may not; an engine that does not lead leaves timers to the one that does.
   */
  private async timerHealth() {
    const indicator = this.indicators.check('timers');
    let data: Awaited<ReturnType<OpsController['timerFigures']>>;
    try {
      data = await this.timerFigures();
    } catch (error) {
      return indicator.down({ error: String(error) });
    }
    return data.leading && data.lag > MAX_LAG ? indicator.down(data) : indicator.up(data);
  }

  private async timerFigures() {
    const head = await withTimeout(this.events.headPosition(), 2000).catch(() => this.timers.position);
    const status = await withTimeout(this.timers.status(), 2000);
    const lag = Math.max(0, head - status.position);
    this.metrics.timerLag.set(lag);
    this.metrics.timersPending.set({ state: 'pending' }, status.pending);
    this.metrics.timersPending.set({ state: 'overdue' }, status.overdue);
    return { ...status, lag, leading: this.timers.leading };
  }

  /** Down when the consumer has been restarting for a minute; joining (after a start or rebalance) is not a failure. */
  private async kafkaHealth() {
    const indicator = this.indicators.check('kafka');
    const status = this.kafka.status()!;
    const head = await withTimeout(this.events.headPosition(), 2000).catch(() => undefined);
    const publishLag =
      head !== undefined && status.publishedPosition !== undefined ? head - status.publishedPosition : undefined;
    const data = { ...status, publishLag };
    const stuck = status.consumer === 'restarting' && Date.now() - Date.parse(status.since) > 60_000;
    return stuck ? indicator.down(data) : indicator.up(data);
  }

  @Get('metrics')
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/plain; version=0.0.4')
  async prometheus(): Promise<string> {
    const head = await this.events.headPosition().catch(() => this.runner.position);
    this.metrics.projectionLag.set(Math.max(0, head - this.runner.position));
    await this.timerFigures().catch(() => undefined);
    return this.metrics.registry.metrics();
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  ]);
}
