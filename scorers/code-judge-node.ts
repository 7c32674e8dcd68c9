// The JavaScript judge the code verifier runs in the sandbox (see verify-code.ts for the design
// and docs/sandbox.md for the threat model), kept as source text so it ships inside the package.
import { NODE_JUDGE_REALM } from "./code-judge-node-realm.js";

const HEAD = String.raw`"use strict";
// capbench code verifier, JavaScript judge. The tests run in this realm; the code under test runs
// in a separate V8 realm (a node:vm context) that is handed no object of this one: only strings
// cross, so it cannot reach process, require, the tests' assert or this realm's prototypes.
// Every function of this realm is strict, so no stack frame exposes a function or its this to it.
// Verdicts go to fd 4 only; a pass carries the run's token, which came on fd 3.
const fs = require("node:fs");
const vm = require("node:vm");

const CHANNEL_IN = 3;
const CHANNEL_OUT = 4;
const INCOMPLETE = "the tests did not run to completion: ";
const PLAIN = "number, string, boolean, null, undefined, bigint, array, plain object, Map, Set";
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static await implements package protected interface private public arguments eval"
  ).split(" "),
);
const PARAMETERS = ["require", "module", "exports", "__filename", "__dirname"];
const ERRORS = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

`;

const TESTS_SIDE = String.raw`class NotPlainDataError extends TypeError {}
class CodeGoneError extends Error {}

const state = { gone: null, violation: null };

/** Reads fd 3 to its end; the fd may be non-blocking, so EAGAIN waits a little (the whole run has a time limit). */
function readChannel() {
  const chunks = [];
  const buffer = Buffer.alloc(65536);
  for (;;) {
    let count;
    try {
      count = fs.readSync(CHANNEL_IN, buffer, 0, buffer.length, null);
    } catch (error) {
      if (error.code !== "EAGAIN") throw error;
      pause();
      continue;
    }
    if (count === 0) return Buffer.concat(chunks);
    chunks.push(Buffer.from(buffer.subarray(0, count)));
  }
}

function pause() {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
}

function verdict(text) {
  const data = Buffer.from(text + "\n", "utf8");
  let written = 0;
  for (let attempt = 0; written < data.length && attempt < 1000; attempt++) {
    try {
      written += fs.writeSync(CHANNEL_OUT, data, written);
    } catch (error) {
      if (error.code !== "EAGAIN") throw error;
      pause();
    }
  }
}

function createRealm() {
  const context = vm.createContext(Object.create(null), { name: "code under test" });
  // Compiled again from its source text inside the realm: it closes over nothing of this one.
  const bridge = vm.runInContext("(" + bootstrap.toString() + ")()", context);
  return { context, dispatch: bridge.dispatch, describeInner: bridge.describe, importError: bridge.importError };
}

function request(realm, message, during) {
  if (state.gone) throw new CodeGoneError(state.gone);
  let reply;
  try {
    const text = realm.dispatch(JSON.stringify(message));
    if (typeof text !== "string") throw new Error("not a string");
    reply = JSON.parse(text);
    if (!Array.isArray(reply)) throw new Error("not a list");
  } catch {
    state.gone = INCOMPLETE + "the code under test broke the connection to the tests " + during;
    throw new CodeGoneError(state.gone);
  }
  if (reply[0] === "err") throw childError(reply[1]);
  return reply;
}

function childError(info) {
  const details = info && typeof info === "object" ? info : {};
  const name = String(details.name ?? "Error");
  const message = String(details.message ?? "");
  const Constructor = Object.hasOwn(ERRORS, name) ? ERRORS[name] : Error;
  const error = new Constructor(message);
  if (Constructor === Error && name !== "Error") error.name = name;
  error.capbenchChild = { name, message, stack: String(details.stack ?? "") };
  return error;
}

function violation(type) {
  const message =
    "the code under test gave a value of type " + type + " where the tests expect plain data (" + PLAIN + ")";
  state.violation ??= message;
  return new NotPlainDataError(message);
}

/**
 * Values of the code's realm as seen by the tests: plain data is rebuilt here from the JSON; other
 * values become opaque proxies (only with values "any"; with "plain-data" they fail the sample).
 */
function createBridge(realm, mode) {
  const handles = new WeakMap();
  const proxies = new Map();

  const decode = (data, during, allowHandles) => {
    if (data === null || typeof data === "boolean" || typeof data === "string" || typeof data === "number") return data;
    if (Array.isArray(data)) return data.map((item) => decode(item, during, allowHandles));
    const keys = data && typeof data === "object" ? Object.keys(data) : [];
    if (keys.length === 1) {
      const tag = keys[0];
      const body = data[tag];
      if (tag === "o" && Array.isArray(body)) {
        const result = {};
        for (const pair of body) {
          if (!Array.isArray(pair) || typeof pair[0] !== "string") return malformed(during);
          const value = decode(pair[1], during, allowHandles);
          Object.defineProperty(result, pair[0], { value, enumerable: true, writable: true, configurable: true });
        }
        return result;
      }
      if (tag === "n" && ["NaN", "Infinity", "-Infinity", "-0"].includes(body)) return body === "-0" ? -0 : Number(body);
      if (tag === "u") return undefined;
      if (tag === "i" && typeof body === "string" && /^-?\d+$/.test(body)) return BigInt(body);
      if (tag === "m" && Array.isArray(body) && body.every((pair) => Array.isArray(pair)))
        return new Map(body.map((pair) => [decode(pair[0], during, allowHandles), decode(pair[1], during, allowHandles)]));
      if (tag === "s" && Array.isArray(body)) return new Set(body.map((item) => decode(item, during, allowHandles)));
      if (tag === "h" && Array.isArray(body) && Number.isInteger(body[0]) && typeof body[1] === "string") {
        if (!allowHandles) throw violation(body[1]);
        return proxyFor(body[0], body[1], typeof body[2] === "string" ? body[2] : "");
      }
    }
    return malformed(during);
  };

  const malformed = (during) => {
    state.gone = INCOMPLETE + "the code under test sent a malformed value " + during;
    throw new CodeGoneError(state.gone);
  };

  const encode = (value, depth) => {
    if (value === null || typeof value === "boolean" || typeof value === "string") return value;
    if (typeof value === "number")
      return Number.isFinite(value) && !Object.is(value, -0) ? value : { n: Object.is(value, -0) ? "-0" : String(value) };
    if (value === undefined) return { u: 0 };
    if (typeof value === "bigint") return { i: String(value) };
    if (handles.has(value)) return { h: [handles.get(value), "", ""] };
    if (typeof value === "object" && depth < 500) {
      const prototype = Object.getPrototypeOf(value);
      if (Array.isArray(value) && prototype === Array.prototype) return Array.from(value, (item) => encode(item, depth + 1));
      if (prototype === Object.prototype || prototype === null)
        return { o: Object.keys(value).map((key) => [key, encode(value[key], depth + 1)]) };
      if (prototype === Map.prototype)
        return { m: Array.from(value, ([key, item]) => [encode(key, depth + 1), encode(item, depth + 1)]) };
      if (prototype === Set.prototype) return { s: Array.from(value, (item) => encode(item, depth + 1)) };
    }
    const kind = typeof value === "function" ? "function" : (value?.constructor?.name ?? typeof value);
    throw new TypeError("cannot pass a " + kind + " to the code under test (only plain data: " + PLAIN + ")");
  };

  const writeBack = (args, after, during) => {
    if (!Array.isArray(after)) return;
    args.forEach((arg, index) => {
      if (after[index] === null || after[index] === undefined || arg === null || typeof arg !== "object") return;
      const value = decode(after[index], during, false);
      if (Array.isArray(arg) && Array.isArray(value)) arg.splice(0, arg.length, ...value);
      else if (Object.getPrototypeOf(arg) === Object.prototype && value && typeof value === "object" && !Array.isArray(value)) {
        for (const key of Object.keys(arg)) delete arg[key];
        Object.assign(arg, value);
      }
    });
  };

  const invoke = (op, index, label, args, self) => {
    const during = "during a call to " + label + "()";
    // A method called on one of the code's objects gets that object as this; nothing else crosses.
    const message = [op, index, encode(args, 0)];
    if (op === "call") message.push(handles.has(self) ? handles.get(self) : null);
    const reply = request(realm, message, during);
    writeBack(args, reply[2], during);
    return decode(reply[1], during, mode === "any");
  };

  function proxyFor(index, type, name) {
    if (proxies.has(index)) return proxies.get(index);
    const label = name || "a " + type;
    const refuse = () => {
      throw violation(type);
    };
    const proxy = new Proxy(function remote() {}, {
      apply: (_target, self, args) => invoke("call", index, label, args, self),
      construct: (_target, args) => invoke("construct", index, label, args),
      get: (_target, key) => {
        if (key === "then" || key === Symbol.toStringTag) return undefined;
        if (typeof key === "symbol") refuse();
        const during = "while reading ." + key;
        return decode(request(realm, ["getattr", index, key], during)[1], during, mode === "any");
      },
      set: (_target, key, value) => {
        if (typeof key === "symbol") refuse();
        request(realm, ["setattr", index, key, encode(value, 0)], "while setting ." + key);
        return true;
      },
      deleteProperty: (_target, key) => {
        if (typeof key === "symbol") refuse();
        request(realm, ["delattr", index, key], "while deleting ." + key);
        return true;
      },
      has: refuse,
      ownKeys: refuse,
      getPrototypeOf: refuse,
      getOwnPropertyDescriptor: refuse,
      defineProperty: refuse,
      setPrototypeOf: refuse,
      isExtensible: refuse,
      preventExtensions: refuse,
    });
    handles.set(proxy, index);
    proxies.set(index, proxy);
    return proxy;
  }

  /** A global of the code's realm (functions always come as proxies, which the tests call). */
  const lookup = (name) => {
    const during = "while the tests looked up " + name;
    const reply = request(realm, ["get", name], during);
    return reply[0] === "missing" ? { found: false } : { found: true, value: decode(reply[1], during, true) };
  };

  return { lookup };
}

function nonEmptyLines(text) {
  return String(text)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

function explainTests(error) {
  const stack = nonEmptyLines(error?.stack ?? "");
  const testFrame = stack.find((line) => line.startsWith("at ") && line.includes("tests.js:"));
  const parts = [];
  const child = error?.capbenchChild;
  if (child) {
    parts.push(...nonEmptyLines(child.name + ": " + child.message));
    const childFrame = nonEmptyLines(child.stack).find((line) => line.startsWith("at ") && line.includes("solution.js:"));
    if (childFrame) parts.push("in the code under test " + childFrame);
  } else {
    const code = error?.code ? " [" + error.code + "]" : "";
    parts.push(...nonEmptyLines((error?.name ?? "Error") + code + ": " + (error?.message ?? String(error))));
  }
  if (testFrame) parts.push(testFrame);
  return "tests failed: " + parts.join(" | ");
}

/** An error thrown while the code loaded: it belongs to the code's realm, so only that realm reads it. */
function explainLoad(realm, error) {
  let info = { name: "Error", message: String(error), stack: "" };
  try {
    info = JSON.parse(realm.describeInner(error));
  } catch {}
  const frame = nonEmptyLines(info.stack ?? "").find((line) => line.startsWith("at ") && line.includes("solution.js:"));
  return "the code did not load: " + info.name + ": " + nonEmptyLines(info.message)[0] + (frame ? " | " + frame : "");
}

async function judge(spec, mode, realm, setup) {
  let script;
  try {
    script = new vm.Script(fs.readFileSync("solution.js", "utf8"), {
      filename: "/work/solution.js",
      importModuleDynamically: () => {
        throw realm.importError();
      },
    });
  } catch (error) {
    const location = nonEmptyLines(error.stack ?? "")[0];
    return "the code did not load: " + error.name + ": " + error.message + (location ? " | " + location : "");
  }
  try {
    script.runInContext(realm.context);
  } catch (error) {
    return explainLoad(realm, error);
  }
  const bridge = createBridge(realm, mode);
  const entry = spec.entryPoint;
  const body = entry && setup ? setup + "\n" + spec.tests : spec.tests;
  // The tests see their own names and this realm's globals first; the code's globals fill in
  // the rest (the entry point always comes from the code), passed as parameters.
  const names = [...new Set(body.match(/[A-Za-z_$][\w$]*/g) ?? [])].filter(
    (name) => !RESERVED.has(name) && !PARAMETERS.includes(name) && (name === entry || !(name in globalThis)),
  );
  const bound = [];
  try {
    for (const name of names) {
      const found = bridge.lookup(name);
      if (found.found) bound.push([name, found.value]);
      else if (name === entry) return "tests failed: the code does not define " + entry;
    }
  } catch (error) {
    return state.gone ?? explainTests(error);
  }
  const parameters = PARAMETERS.concat(bound.map(([name]) => name));
  const source = "(async function (" + parameters.join(", ") + ') {"use strict"; {\n' + body + "\n}})";
  try {
    const tests = new vm.Script(source, { filename: "tests.js", lineOffset: -1 }).runInThisContext();
    await tests(require, module, exports, __filename, __dirname, ...bound.map(([, value]) => value));
  } catch (error) {
    if (state.gone) return state.gone;
    if (state.violation) return "tests failed: " + state.violation;
    return explainTests(error);
  }
  if (state.gone) return state.gone;
  if (state.violation) return "tests failed: " + state.violation;
  return null;
}

async function main() {
  const input = readChannel();
  const newline = input.indexOf(10);
  const length = Number(input.subarray(0, newline).toString("ascii"));
  const spec = JSON.parse(input.subarray(newline + 1, newline + 1 + length).toString("utf8"));
  const token = input.subarray(newline + 1 + length).toString("ascii").trim();
  let realm;
  try {
    realm = createRealm();
    if (typeof realm.dispatch !== "function") throw new Error("the realm did not start");
  } catch (error) {
    // Before the code under test exists: the verifier cannot work here, which is no verdict.
    verdict("ERROR " + JSON.stringify("the verifier could not start: " + (error?.message ?? error)));
    return;
  }
  // The task's setup (trusted, like the tests): with an entry point the tests see its definitions.
  const setup = fs.existsSync("setup.js") ? fs.readFileSync("setup.js", "utf8") : "";
  const failure = await judge(spec, process.argv[2], realm, setup);
  verdict(failure === null ? "PASS " + token : "FAIL " + JSON.stringify(failure));
}

main().then(
  () => process.exit(0),
  (error) => {
    try {
      verdict("FAIL " + JSON.stringify("the verifier failed: " + (error?.message ?? error)));
    } catch {}
    process.exit(0);
  },
);
`;

export const NODE_JUDGE = HEAD + NODE_JUDGE_REALM + TESTS_SIDE;
