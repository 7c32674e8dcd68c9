import type { Summary } from "../analysis/summary-types.js";

/** "sim:low (low, simulated)" — simulated models are labelled as such in every report. */
export function modelLabel(model: Summary["models"][number]): string {
  return `${model.id} (${model.tier}${model.simulated ? ", simulated" : ""})`;
}
