/** A call as parsed from text: `name(key=value, …)`. */
export interface ParsedCall {
  name: string;
  arguments: Record<string, unknown>;
}

/**
 * Parses Python-style calls, `[f(a=1, b="x"), g(c=[1, 2])]` or a single `f(a=1)`, with
 * Python literal values (numbers, strings, True/False/None, lists, tuples, dicts). Keyword
 * arguments only: without the function's signature a positional argument has no name.
 * Throws an Error whose message says where parsing stopped.
 */
export function parsePythonCalls(text: string): ParsedCall[] {
  const parser = new PythonCallParser(text);
  const calls = parser.calls();
  parser.expectEnd();
  return calls;
}

class PythonCallParser {
  private position = 0;
  constructor(private readonly text: string) {}

  calls(): ParsedCall[] {
    this.skipSpace();
    if (this.peek() === "[") {
      this.position += 1;
      const calls: ParsedCall[] = [];
      this.skipSpace();
      while (this.peek() !== "]") {
        calls.push(this.call());
        this.skipSpace();
        if (this.peek() === ",") this.position += 1;
        else if (this.peek() !== "]") this.fail("expected , or ]");
        this.skipSpace();
      }
      this.position += 1;
      return calls;
    }
    const calls = [this.call()];
    // Several calls on separate lines or separated by commas/semicolons.
    for (this.skipSpace(); this.position < this.text.length; this.skipSpace()) {
      if (/[,;]/.test(this.peek())) this.position += 1;
      calls.push(this.call());
    }
    return calls;
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.position < this.text.length) this.fail("unexpected text");
  }

  private call(): ParsedCall {
    this.skipSpace();
    const name = /^[\p{L}_][\p{L}\p{N}_.]*/u.exec(this.text.slice(this.position))?.[0];
    if (!name) this.fail("expected a function name");
    this.position += name.length;
    this.skipSpace();
    if (this.peek() !== "(") this.fail("expected (");
    this.position += 1;
    const args: Record<string, unknown> = {};
    for (this.skipSpace(); this.peek() !== ")"; this.skipSpace()) {
      const key = /^([\p{L}_][\p{L}\p{N}_]*)\s*=(?!=)/u.exec(this.text.slice(this.position));
      if (!key) this.fail(`positional argument in ${name}(); use keyword arguments`);
      this.position += key[0].length;
      args[key[1]!] = this.value();
      this.skipSpace();
      if (this.peek() === ",") this.position += 1;
      else if (this.peek() !== ")") this.fail("expected , or )");
    }
    this.position += 1;
    return { name, arguments: args };
  }

  private value(): unknown {
    this.skipSpace();
    const rest = this.text.slice(this.position);
    const char = this.peek();
    if (char === "[" || char === "(") return this.sequence(char === "[" ? "]" : ")");
    if (char === "{") return this.dict();
    const string = /^[rRbBuU]?("""|'''|"|')/.exec(rest);
    if (string) return this.string(string[0].length, string[1]!, /^[rR]/.test(rest));
    const number = /^[-+]?(?:\d[\d_]*\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)/.exec(rest);
    if (number) {
      this.position += number[0].length;
      return Number(number[0].replace(/_/g, ""));
    }
    const word = /^[A-Za-z_]\w*/.exec(rest)?.[0];
    const constants: Record<string, unknown> = {
      True: true,
      False: false,
      None: null,
      true: true,
      false: false,
      null: null,
    };
    if (word !== undefined && word in constants) {
      this.position += word.length;
      return constants[word];
    }
    return this.fail("expected a literal value");
  }

  private sequence(close: string): unknown[] {
    this.position += 1;
    const items: unknown[] = [];
    for (this.skipSpace(); this.peek() !== close; this.skipSpace()) {
      items.push(this.value());
      this.skipSpace();
      if (this.peek() === ",") this.position += 1;
      else if (this.peek() !== close) this.fail(`expected , or ${close}`);
    }
    this.position += 1;
    return items;
  }

  private dict(): Record<string, unknown> {
    this.position += 1;
    const result: Record<string, unknown> = {};
    for (this.skipSpace(); this.peek() !== "}"; this.skipSpace()) {
      const key = this.value();
      this.skipSpace();
      if (this.peek() !== ":") this.fail("expected :");
      this.position += 1;
      result[String(key)] = this.value();
      this.skipSpace();
      if (this.peek() === ",") this.position += 1;
      else if (this.peek() !== "}") this.fail("expected , or }");
    }
    this.position += 1;
    return result;
  }

  private string(prefixLength: number, quote: string, raw: boolean): string {
    this.position += prefixLength;
    let result = "";
    while (this.position < this.text.length) {
      if (this.text.startsWith(quote, this.position)) {
        this.position += quote.length;
        return result;
      }
      const char = this.text[this.position]!;
      if (char === "\\" && !raw) {
        const next = this.text[this.position + 1] ?? "";
        const escapes: Record<string, string> = {
          n: "\n",
          t: "\t",
          r: "\r",
          "\\": "\\",
          "'": "'",
          '"': '"',
          "0": "\0",
        };
        if (next === "u" || next === "x") {
          const length = next === "u" ? 4 : 2;
          result += String.fromCharCode(parseInt(this.text.slice(this.position + 2, this.position + 2 + length), 16));
          this.position += 2 + length;
        } else {
          result += escapes[next] ?? `\\${next}`;
          this.position += 2;
        }
        continue;
      }
      result += char;
      this.position += 1;
    }
    return this.fail("unterminated string");
  }

  private peek(): string {
    return this.text[this.position] ?? "";
  }

  private skipSpace(): void {
    while (/\s/.test(this.peek())) this.position += 1;
  }

  private fail(message: string): never {
    throw new Error(
      `${message} at character ${this.position}: "${this.text.slice(this.position, this.position + 30)}"`,
    );
  }
}
