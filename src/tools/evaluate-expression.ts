// A recursive-descent parser for arithmetic: + - * / % ^, parentheses, unary minus, decimals,
// and a few functions. No eval; anything else is a syntax error naming the position.

const FUNCTIONS: Record<string, (value: number) => number> = {
  sqrt: Math.sqrt,
  abs: Math.abs,
  round: Math.round,
  floor: Math.floor,
  ceil: Math.ceil,
};

export function evaluateExpression(source: string): number {
  let position = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at position ${position + 1} in "${source}"`);
  };
  const skipSpace = () => {
    while (position < source.length && /\s/.test(source[position]!)) position++;
  };
  const peek = () => {
    skipSpace();
    return source[position];
  };

  function parsePrimary(): number {
    const next = peek();
    if (next === "(") {
      position++;
      const value = parseSum();
      if (peek() !== ")") fail("expected ')'");
      position++;
      return value;
    }
    if (next === "-" || next === "+") {
      position++;
      const value = parsePower();
      return next === "-" ? -value : value;
    }
    const number = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?/i.exec(source.slice(position));
    if (number) {
      position += number[0].length;
      return Number(number[0]);
    }
    const name = /^[a-z]+/i.exec(source.slice(position));
    if (name) {
      const fn = FUNCTIONS[name[0].toLowerCase()];
      if (!fn) fail(`unknown function "${name[0]}"`);
      position += name[0].length;
      if (peek() !== "(") fail("expected '(' after function name");
      return fn!(parsePrimary());
    }
    return fail(next === undefined ? "unexpected end of expression" : `unexpected "${next}"`);
  }

  function parsePower(): number {
    const base = parsePrimary();
    if (peek() === "^") {
      position++;
      return base ** parsePower();
    }
    return base;
  }

  function parseProduct(): number {
    let value = parsePower();
    for (let next = peek(); next === "*" || next === "/" || next === "%"; next = peek()) {
      position++;
      const right = parsePower();
      if ((next === "/" || next === "%") && right === 0) fail("division by zero");
      value = next === "*" ? value * right : next === "/" ? value / right : value % right;
    }
    return value;
  }

  function parseSum(): number {
    let value = parseProduct();
    for (let next = peek(); next === "+" || next === "-"; next = peek()) {
      position++;
      const right = parseProduct();
      value = next === "+" ? value + right : value - right;
    }
    return value;
  }

  if (source.length > 1_000) throw new Error("expression longer than 1000 characters");
  const value = parseSum();
  if (peek() !== undefined) fail(`unexpected "${peek()}"`);
  if (!Number.isFinite(value)) throw new Error(`result is not a finite number in "${source}"`);
  return value;
}
