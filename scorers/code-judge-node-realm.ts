// The part of the JavaScript judge that runs inside the code's realm (see code-judge-node.ts).
export const NODE_JUDGE_REALM = String.raw`// Runs first in the code's realm: captures what the dispatcher needs before the code can change
// it, removes the two host hooks that would hand out objects of the judge's realm
// (WebAssembly streaming), and returns the dispatcher, which takes and returns strings only.
function bootstrap() {
  "use strict";
  const { parse, stringify } = JSON;
  const { apply, construct, getPrototypeOf, get, set, deleteProperty } = Reflect;
  const { keys, is } = Object;
  const isArray = Array.isArray;
  const StringOf = String;
  const BigIntOf = BigInt;
  const NumberIsFinite = Number.isFinite;
  const ObjectPrototype = Object.prototype;
  const ArrayPrototype = Array.prototype;
  const MapPrototype = Map.prototype;
  const SetPrototype = Set.prototype;
  const mapEntries = Map.prototype.entries;
  const setValues = Set.prototype.values;
  const mapSet = Map.prototype.set;
  const setAdd = Set.prototype.add;
  const MapOf = Map;
  const SetOf = Set;
  const ErrorOf = TypeError;
  const globalEval = eval;
  delete WebAssembly.compileStreaming;
  delete WebAssembly.instantiateStreaming;
  const lines = [];
  let kept = 0;
  const write = (...parts) => {
    if (kept > 65536) return;
    const text = parts.map((part) => StringOf(part)).join(" ");
    kept += text.length;
    lines[lines.length] = text;
  };
  globalThis.console = { log: write, info: write, warn: write, error: write, debug: write };
  const objects = [];
  const handle = (value) => {
    objects[objects.length] = value;
    const name = typeof value === "function" && typeof value.name === "string" ? value.name : "";
    let type = typeof value;
    try {
      const prototype = getPrototypeOf(value);
      const constructorName = prototype && prototype.constructor && prototype.constructor.name;
      if (typeof constructorName === "string") type = constructorName;
    } catch {}
    return { h: [objects.length - 1, type, name] };
  };
  const encode = (value, depth) => {
    if (value === null || typeof value === "boolean" || typeof value === "string") return value;
    if (typeof value === "number") {
      if (NumberIsFinite(value) && !is(value, -0)) return value;
      return { n: is(value, -0) ? "-0" : StringOf(value) };
    }
    if (value === undefined) return { u: 0 };
    if (typeof value === "bigint") return { i: StringOf(value) };
    if (typeof value !== "object" || depth > 500) return handle(value);
    const prototype = getPrototypeOf(value);
    if (isArray(value) && prototype === ArrayPrototype) {
      const items = [];
      for (let index = 0; index < value.length; index++) items[index] = encode(value[index], depth + 1);
      return items;
    }
    if (prototype === ObjectPrototype || prototype === null) {
      const pairs = [];
      for (const key of keys(value)) pairs[pairs.length] = [key, encode(value[key], depth + 1)];
      return { o: pairs };
    }
    if (prototype === MapPrototype) {
      const pairs = [];
      for (const [key, item] of apply(mapEntries, value, [])) pairs[pairs.length] = [encode(key, depth + 1), encode(item, depth + 1)];
      return { m: pairs };
    }
    if (prototype === SetPrototype) {
      const items = [];
      for (const item of apply(setValues, value, [])) items[items.length] = encode(item, depth + 1);
      return { s: items };
    }
    return handle(value);
  };
  const decode = (data) => {
    if (data === null || typeof data !== "object") return data;
    if (isArray(data)) {
      const items = [];
      for (let index = 0; index < data.length; index++) items[index] = decode(data[index]);
      return items;
    }
    if ("o" in data) {
      const result = {};
      for (const [key, item] of data.o) set(result, key, decode(item));
      return result;
    }
    if ("n" in data) return data.n === "-0" ? -0 : +data.n;
    if ("u" in data) return undefined;
    if ("i" in data) return BigIntOf(data.i);
    if ("m" in data) {
      const result = new MapOf();
      for (const [key, item] of data.m) apply(mapSet, result, [decode(key), decode(item)]);
      return result;
    }
    if ("s" in data) {
      const result = new SetOf();
      for (const item of data.s) apply(setAdd, result, [decode(item)]);
      return result;
    }
    if ("h" in data) return objects[data.h[0]];
    throw new ErrorOf("malformed value");
  };
  const describe = (error) => {
    const info = { name: "Error", message: "", stack: "" };
    try {
      if (error !== null && (typeof error === "object" || typeof error === "function")) {
        info.name = StringOf(error.name);
        info.message = StringOf(error.message);
        info.stack = StringOf(error.stack);
      } else {
        info.name = "thrown value";
        info.message = StringOf(error);
      }
    } catch {}
    return info;
  };
  const outcome = (result, args) => {
    const after = [];
    for (let index = 0; index < args.length; index++) {
      const arg = args[index];
      const mutable = arg !== null && typeof arg === "object" && (getPrototypeOf(arg) === ArrayPrototype || getPrototypeOf(arg) === ObjectPrototype);
      after[index] = mutable ? encode(arg, 0) : null;
    }
    return ["ok", encode(result, 0), after];
  };
  const handlers = {
    get(name) {
      let value;
      try {
        value = globalEval(name);
      } catch {
        return ["missing"];
      }
      return ["ok", encode(value, 0)];
    },
    call(index, args, self) {
      const values = decode(args);
      return outcome(apply(objects[index], self === null ? undefined : objects[self], values), values);
    },
    construct(index, args) {
      const values = decode(args);
      return outcome(construct(objects[index], values), values);
    },
    getattr(index, name) {
      return ["ok", encode(get(objects[index], name), 0)];
    },
    setattr(index, name, value) {
      set(objects[index], name, decode(value));
      return ["ok", null];
    },
    delattr(index, name) {
      deleteProperty(objects[index], name);
      return ["ok", null];
    },
    output() {
      const text = lines.join("\n");
      lines.length = 0;
      return ["ok", text];
    },
  };
  return {
    dispatch(request) {
      try {
        const [op, ...args] = parse(request);
        return stringify(apply(handlers[op], undefined, args));
      } catch (error) {
        return stringify(["err", describe(error)]);
      }
    },
    describe(error) {
      return stringify(describe(error));
    },
    importError() {
      return new ErrorOf("import() is not available to the code under test");
    },
  };
}

`;
