import { percentileInterval } from "./bootstrap-mean.js";
import { jointBootstrap } from "./joint-bootstrap.js";
import type { BootstrapStatistic, JointBootstrapOptions, TaskDesign } from "./joint-bootstrap.js";
import type { Interval } from "./summary-types.js";

/** A bootstrap result: the sorted distribution, and the share of resamples where it was undefined. */
export interface BootstrapOutcome {
  distribution: Float64Array;
  undefinedShare: number;
  interval(level: number): Interval | null;
}

/**
 * Collects the statistics of one suite, then runs one joint bootstrap for all of them and hands
 * each its distribution. Two instances with the same design and options draw the same resamples.
 */
export class SuiteIntervals {
  private readonly statistics: BootstrapStatistic[] = [];
  private readonly callbacks: ((outcome: BootstrapOutcome) => void)[] = [];

  constructor(
    private readonly design: TaskDesign,
    private readonly options: JointBootstrapOptions,
  ) {}

  add(statistic: BootstrapStatistic, callback: (outcome: BootstrapOutcome) => void): void {
    this.statistics.push(statistic);
    this.callbacks.push(callback);
  }

  run(): void {
    if (this.statistics.length === 0) return;
    const distributions = jointBootstrap(this.design, this.statistics, this.options);
    distributions.forEach((distribution, index) => {
      this.callbacks[index]!({
        distribution,
        undefinedShare: 1 - distribution.length / this.options.resamples,
        interval: (level) => (distribution.length > 0 ? percentileInterval(distribution, level) : null),
      });
    });
  }
}
