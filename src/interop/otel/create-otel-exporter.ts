import type { Span } from "@opentelemetry/api";
import type { SampleRecord, TraceEvent } from "../../types.js";
import type { OtelSettings } from "./otel-settings.js";
import { planSampleSpans } from "./plan-sample-spans.js";

/** Fed after each finished sample; sends its spans in the background. */
export interface SampleObserver {
  onSample(record: SampleRecord, trace: readonly TraceEvent[] | null): void;
  /** Waits until every span so far has been exported (or dropped). */
  flush(): Promise<void>;
  /** Flushes, then stops the exporter. */
  shutdown(): Promise<void>;
  /** Spans handed to the SDK so far. */
  readonly spans: number;
}

export interface OtelExporterOptions {
  runId?: string;
  /** Version reported as the tracer's and service's version. */
  version?: string;
}

/**
 * The OpenTelemetry observer: the official SDK (BasicTracerProvider, BatchSpanProcessor) with
 * the OTLP/HTTP JSON exporter, loaded here on first use, so a run without tracing never loads
 * them. The provider is private to capbench (not registered globally), so it neither uses nor
 * disturbs an application's own tracer set-up.
 */
export async function createOtelExporter(
  settings: OtelSettings,
  options: OtelExporterOptions = {},
): Promise<SampleObserver> {
  const [api, { BasicTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] =
    await Promise.all([
      import("@opentelemetry/api"),
      import("@opentelemetry/sdk-trace-base"),
      import("@opentelemetry/exporter-trace-otlp-http"),
      import("@opentelemetry/resources"),
    ]);
  const exporter = new OTLPTraceExporter({ url: settings.tracesUrl, headers: settings.headers });
  const processor = new BatchSpanProcessor(exporter, { maxQueueSize: 16_384, maxExportBatchSize: 512 });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      "service.name": settings.serviceName,
      ...(options.version ? { "service.version": options.version } : {}),
    }),
    spanProcessors: [processor],
  });
  const tracer = provider.getTracer("capbench", options.version);
  let count = 0;
  return {
    get spans() {
      return count;
    },
    onSample(record, trace) {
      const plan = planSampleSpans(record, trace ?? [], {
        content: settings.content,
        ...(options.runId ? { runId: options.runId } : {}),
      });
      const made: Span[] = [];
      for (const planned of plan) {
        const parent = planned.parent === null ? undefined : made[planned.parent];
        const context = parent ? api.trace.setSpan(api.ROOT_CONTEXT, parent) : api.ROOT_CONTEXT;
        const span = tracer.startSpan(
          planned.name,
          {
            kind: planned.kind === "client" ? api.SpanKind.CLIENT : api.SpanKind.INTERNAL,
            startTime: planned.start,
            attributes: planned.attributes,
            root: planned.parent === null,
          },
          context,
        );
        for (const event of planned.events) span.addEvent(event.name, event.attributes, event.time);
        if (planned.error !== undefined) span.setStatus({ code: api.SpanStatusCode.ERROR, message: planned.error });
        made.push(span);
      }
      // Children end before their parents, as they would when recorded live.
      for (let index = made.length - 1; index >= 0; index--) made[index]!.end(plan[index]!.end);
      count += made.length;
    },
    flush: () => processor.forceFlush(),
    async shutdown() {
      await provider.forceFlush();
      await provider.shutdown();
    },
  };
}
