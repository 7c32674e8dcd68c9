import type { Span } from "@opentelemetry/api";
import type { SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { SampleRecord, TraceEvent } from "../../types.js";
import type { OtelSettings } from "./otel-settings.js";
import { planSampleSpans } from "./plan-sample-spans.js";

/** ExportResultCode.SUCCESS of @opentelemetry/core (a dependency of the SDK, not of capbench). */
const EXPORT_SUCCESS = 0;

/** Fed after each finished sample; sends its spans in the background. */
export interface SampleObserver {
  onSample(record: SampleRecord, trace: readonly TraceEvent[] | null): void;
  /** Waits until every span so far has been exported (or dropped). */
  flush(): Promise<void>;
  /** Flushes, then stops the exporter. */
  shutdown(): Promise<void>;
  /** Spans handed to the SDK so far. */
  readonly spans: number;
  /** Spans the collector accepted so far. */
  readonly exported: number;
  /** Why an export first failed (no collector listening, a refusal), or null. Never thrown. */
  readonly failure: string | null;
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
  const otlp = new OTLPTraceExporter({
    url: settings.tracesUrl,
    headers: settings.headers,
    ...(settings.timeoutMs ? { timeoutMillis: settings.timeoutMs } : {}),
  });
  let exported = 0;
  let failure: string | null = null;
  // The exporter reports failures to the SDK's (silent) error handler; this wrapper keeps them,
  // so a run is never stopped by tracing and `export --format otel` can say what went wrong.
  const exporter: SpanExporter = {
    export(spans, done) {
      otlp.export(spans, (result) => {
        if (result.code === EXPORT_SUCCESS) exported += spans.length;
        else failure ??= result.error?.message ?? "export failed";
        done(result);
      });
    },
    shutdown: () => otlp.shutdown(),
    forceFlush: () => otlp.forceFlush(),
  };
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
  const settle = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      // The SDK rejects with the export's error, which may be undefined; keep the first reason.
      failure ??= error instanceof Error ? error.message : String(error ?? "export failed");
    }
  };
  return {
    get spans() {
      return count;
    },
    get exported() {
      return exported;
    },
    get failure() {
      return failure;
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
    flush: () => settle(() => processor.forceFlush()),
    shutdown: () =>
      settle(async () => {
        await provider.forceFlush();
        await provider.shutdown();
      }),
  };
}
