import type { ProgressReporter } from "../../runner/progress-reporter.js";
import { readTrace } from "../../store/trace-file.js";
import type { SampleObserver } from "./create-otel-exporter.js";

/**
 * A sample observer as a run's progress reporter, for runners without an observer hook: after
 * each sample is written, its trace is read back (the line just appended) and handed on. With
 * a hook that passes (record, trace) directly, call `observer.onSample` there instead.
 */
export function observerReporter(observer: SampleObserver): ProgressReporter {
  let dir = "";
  return {
    onRunStart(info) {
      dir = info.dir;
    },
    onSampleEnd(record) {
      observer.onSample(record, record.trace ? (readTrace(dir, record)?.events ?? null) : null);
    },
  };
}
