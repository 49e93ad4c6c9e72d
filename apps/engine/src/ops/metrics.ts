import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics: commands by type and outcome, their latency, and projection lag. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly commands = new Counter({
    name: 'sce_commands_total',
    help: 'Commands handled, by type and outcome',
    labelNames: ['type', 'outcome'],
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'sce_command_duration_seconds',
    help: 'Time to handle a command, from validation to outcome',
    labelNames: ['type'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly projectionLag = new Gauge({
    name: 'sce_projection_lag_events',
    help: 'Events in the log the read models have not applied yet',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
