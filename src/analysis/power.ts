// Power arithmetic for a mean of per-task contrasts: the minimum detectable effect at a given
// standard error, and the tasks or epochs a target needs. The variance model of a contrast
// between arms measured with k epochs per task is τ² + σ²/k: τ² between tasks (it does not
// shrink with epochs), σ² the sampling noise of one epoch (it does).
import { studentTQuantile } from "./distributions.js";

export interface DetectionLevel {
  /** One-sided error rate of the test (a two-sided 95% interval is 0.025). */
  alpha: number;
  /** Probability of detecting an effect of the returned size (e.g. 0.8). */
  power: number;
}

/**
 * The smallest true effect the test detects with probability `power`:
 * (q(1 − α) + q(power)) × SE, with t quantiles at `df` (Infinity: normal).
 */
export function minimumDetectableEffect(standardError: number, level: DetectionLevel, df = Infinity): number | null {
  if (!(standardError > 0) || !Number.isFinite(standardError)) return null;
  const degrees = df >= 1 ? df : Infinity;
  return (studentTQuantile(1 - level.alpha, degrees) + studentTQuantile(level.power, degrees)) * standardError;
}

export interface VarianceComponents {
  /** Between-task variance of the contrast (the part epochs cannot average away). */
  betweenTasks: number;
  /** Variance of the contrast from one epoch's sampling noise, per task. */
  withinTask: number;
}

/** Standard error of the mean contrast over `tasks` tasks with `epochs` epochs each. */
export function contrastStandardError(components: VarianceComponents, tasks: number, epochs: number): number {
  return Math.sqrt((components.betweenTasks + components.withinTask / epochs) / tasks);
}

/** Tasks needed (at `epochs` epochs) for the MDE to reach `target`. */
export function tasksForTarget(
  components: VarianceComponents,
  epochs: number,
  target: number,
  level: DetectionLevel,
): number {
  const multiplier = studentTQuantile(1 - level.alpha, Infinity) + studentTQuantile(level.power, Infinity);
  const perTask = components.betweenTasks + components.withinTask / epochs;
  return Math.max(2, Math.ceil(perTask * (multiplier / target) ** 2));
}

/** Epochs needed at `tasks` tasks for the MDE to reach `target`; null when no number of epochs can. */
export function epochsForTarget(
  components: VarianceComponents,
  tasks: number,
  target: number,
  level: DetectionLevel,
): number | null {
  const multiplier = studentTQuantile(1 - level.alpha, Infinity) + studentTQuantile(level.power, Infinity);
  const allowed = tasks * (target / multiplier) ** 2 - components.betweenTasks;
  if (!(allowed > 0)) return null;
  if (components.withinTask <= 0) return 1;
  return Math.max(1, Math.ceil(components.withinTask / allowed));
}
