import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore } from '@sce/event-store';
import type { ProjectionRunner } from '@sce/projections';
import { KafkaTransport } from '../kafka/kafka-transport';
import { EVENT_STORE, PROJECTION_RUNNER } from '../tokens';
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
  ) {}

  @Get('health')
  @HealthCheck()
  @ApiOperation({ summary: 'Event store reachable, and how far the read models lag behind the log' })
  check() {
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
        const data = { position: this.runner.position, lag };
        return lag <= MAX_LAG ? projections.up(data) : projections.down(data);
      },
      ...(this.kafka.status() ? [() => this.kafkaHealth()] : []),
    ]);
  }

  /** Down when the consumer crashed for good; joining (after a start or rebalance) is not a failure. */
  private async kafkaHealth() {
    const indicator = this.indicators.check('kafka');
    const status = this.kafka.status()!;
    const head = await withTimeout(this.events.headPosition(), 2000).catch(() => undefined);
    const publishLag =
      head !== undefined && status.publishedPosition !== undefined ? head - status.publishedPosition : undefined;
    const data = { ...status, publishLag };
    return status.consumer === 'crashed' ? indicator.down(data) : indicator.up(data);
  }

  @Get('metrics')
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/plain; version=0.0.4')
  async prometheus(): Promise<string> {
    const head = await this.events.headPosition().catch(() => this.runner.position);
    this.metrics.projectionLag.set(Math.max(0, head - this.runner.position));
    return this.metrics.registry.metrics();
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  ]);
}
