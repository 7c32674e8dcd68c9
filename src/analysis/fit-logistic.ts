// L2-regularized logistic regression of success on one predictor, with binomial counts per
// point, fitted by Newton's method. Small and exact enough for horizon fits (2 parameters).

export interface BinomialPoint {
  x: number;
  trials: number;
  successes: number;
}

export interface LogisticFit {
  /** p(x) = σ(intercept + slope · x) */
  intercept: number;
  slope: number;
  converged: boolean;
  iterations: number;
}

/**
 * `l2` penalizes the slope (½·l2·slope²); the intercept gets a tiny penalty so that all-pass
 * or all-fail data still give a finite fit. x is centred internally for stability.
 */
export function fitLogistic(points: readonly BinomialPoint[], l2: number): LogisticFit {
  let weight = 0;
  let weightedX = 0;
  for (const point of points) {
    weight += point.trials;
    weightedX += point.trials * point.x;
  }
  const centre = weight > 0 ? weightedX / weight : 0;
  const interceptPenalty = 1e-4;
  let a = 0;
  let b = 0;
  let converged = false;
  let iterations = 0;
  for (; iterations < 100; iterations++) {
    let gradientA = -interceptPenalty * a;
    let gradientB = -l2 * b;
    let hessianAA = interceptPenalty;
    let hessianAB = 0;
    let hessianBB = l2;
    for (const point of points) {
      const x = point.x - centre;
      const probability = 1 / (1 + Math.exp(-(a + b * x)));
      const residual = point.successes - point.trials * probability;
      const curvature = point.trials * probability * (1 - probability);
      gradientA += residual;
      gradientB += residual * x;
      hessianAA += curvature;
      hessianAB += curvature * x;
      hessianBB += curvature * x * x;
    }
    const determinant = hessianAA * hessianBB - hessianAB * hessianAB;
    if (!(determinant > 1e-12)) break;
    let stepA = (hessianBB * gradientA - hessianAB * gradientB) / determinant;
    let stepB = (hessianAA * gradientB - hessianAB * gradientA) / determinant;
    // Damp huge steps (near-separable data) so Newton does not overshoot.
    const size = Math.hypot(stepA, stepB);
    if (size > 5) {
      stepA *= 5 / size;
      stepB *= 5 / size;
    }
    a += stepA;
    b += stepB;
    if (size < 1e-7) {
      converged = true;
      break;
    }
  }
  return { intercept: a - b * centre, slope: b, converged, iterations };
}
