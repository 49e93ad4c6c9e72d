import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';

/** Tracing is on only where OpenTelemetry is configured: an OTLP endpoint, or a traces exporter other than none. */
export function tracingWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_TRACES_EXPORTER === 'none' || env.OTEL_SDK_DISABLED === 'true') return false;
  return Boolean(env.OTEL_TRACES_EXPORTER || env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Starts the official SDK: spans exported over OTLP/HTTP (the `OTEL_*` variables), W3C trace
 * context propagated. Off, the API's no-op tracer costs next to nothing. Tests pass their own processor.
 * @returns the provider (to shut down), or undefined when tracing is off.
 */
export function startTracing(
  env: NodeJS.ProcessEnv = process.env,
  processor?: SpanProcessor,
): NodeTracerProvider | undefined {
  if (!processor && !tracingWanted(env)) return undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? 'sce-engine' }),
    spanProcessors: [processor ?? new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return provider;
}

export const tracer = () => trace.getTracer('sce-engine');

/**
 * Runs `work` in a span that continues the trace `carrier` names (its `traceparent`), so that a
 * request from the storefront, its command, its append and its published events share one trace.
 */
export function inSpan<T>(
  name: string,
  kind: SpanKind,
  carrier: Record<string, unknown>,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, carrier);
  return tracer().startActiveSpan(name, { kind }, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The W3C `traceparent` of the span now active, if a trace is being recorded. */
export function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}
