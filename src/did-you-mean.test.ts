import { describe, expect, it } from "vitest";
import { closestName, didYouMean } from "./did-you-mean.js";

describe("didYouMean", () => {
  it("suggests the closest known name for a typo", () => {
    expect(closestName("extractt", ["tolerance", "relativeTolerance", "extract"])).toBe("extract");
    expect(closestName("tolerence", ["tolerance", "extract"])).toBe("tolerance");
    expect(closestName("mulit-agent", ["prompt", "agent", "multi-agent"])).toBe("multi-agent");
    expect(didYouMean("workflw", ["workflow", "agent"])).toBe(' Did you mean "workflow"?');
  });

  it("stays silent when nothing is close", () => {
    expect(closestName("banana", ["prompt", "agent"])).toBeNull();
    expect(didYouMean("x", [])).toBe("");
  });
});
