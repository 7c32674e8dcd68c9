import type { Tool } from "../types.js";
import { evaluateExpression } from "./evaluate-expression.js";

/** `calculate(expression)`: arithmetic without eval. */
export function calculatorTool(): Tool {
  return {
    spec: {
      name: "calculate",
      description: "Evaluate an arithmetic expression: + - * / % ^, parentheses, sqrt/abs/round/floor/ceil.",
      parameters: {
        type: "object",
        properties: { expression: { type: "string", description: "For example (12 + 30) * 2 / 3" } },
        required: ["expression"],
        additionalProperties: false,
      },
    },
    execute(args) {
      const value = evaluateExpression(String(args.expression));
      return String(Number.isInteger(value) ? value : Number(value.toPrecision(12)));
    },
  };
}
