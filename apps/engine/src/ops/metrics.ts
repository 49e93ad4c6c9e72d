import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics: commands by type and outcome, their latency, projection lag, timers fired. */
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
  readonly refused = new Counter({
    name: 'sce_http_refused_total',
    help: 'API requests answered 503 at once because the engine worked on SCE_HTTP_MAX_IN_FLIGHT already',
    registers: [this.registry],
  });
  readonly projectionLag = new Gauge({
    name: 'sce_projection_lag_events',
    help: 'Events in the log the read models have not applied yet',
    registers: [this.registry],
  });

  readonly timersFired = new Counter({
    name: 'sce_timers_fired_total',
    help: 'Timers fired, by kind and outcome (accepted, rejected: the subject moved on, conflict: tried again)',
    labelNames: ['kind', 'outcome'],
    registers: [this.registry],
  });
  readonly timerLag = new Gauge({
    name: 'sce_timer_lag_events',
    help: 'Events in the log the timer manager has not derived timers from yet',
    registers: [this.registry],
  });
  readonly timersPending = new Gauge({
    name: 'sce_timers_pending',
    help: 'Timers waiting for their deadline, or overdue',
    labelNames: ['state'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
