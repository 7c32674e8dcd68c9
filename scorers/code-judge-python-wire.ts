// The first part of the Python judge: framing on the pipes, and the plain-data codec both processes use.
// Source text, joined in code-judge-python.ts.
export const PYTHON_JUDGE_WIRE = String.raw`# capbench code verifier, Python judge. This process runs the task's tests; the code under test
# runs in a child forked before the tests are read, and answers calls over two pipes. Verdicts go
# to fd 4 only, and a pass carries the run's token, read from fd 3 once the tests have finished.
import builtins, os, sys

CHANNEL_IN, CHANNEL_OUT = 3, 4
MAX_MESSAGE = 64 << 20
TESTS_FILE, SETUP_FILE = "tests.py", "setup.py"
PLAIN_TYPES = "int, float, str, bool, None, list, tuple, dict, set, bytes"
INCOMPLETE = "the tests did not run to completion: "


class JudgeError(Exception):
    pass


class ChildGone(BaseException):
    """The code under test is gone or broke the protocol: a BaseException, so no test catches it."""


class NotPlainData(BaseException):
    """A test used a value that is not plain data as a value: never caught by the tests either."""


class CodeUnderTestError(Exception):
    pass


def write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def read_exact(fd, size):
    chunks, remaining = [], size
    while remaining:
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def json_codec():
    """dumps and loads on the C accelerator alone: importing the json package (and re with it)
    would cost more than the rest of the judge."""
    try:
        import _json

        class Context:
            strict = True
            object_hook = object_pairs_hook = None
            parse_float, parse_int = float, int
            parse_constant = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}.__getitem__
            memo = {}

        def unsupported(value):
            raise TypeError("not JSON: %s" % type(value).__name__)

        scan = _json.make_scanner(Context())
        encoder = _json.make_encoder(None, unsupported, _json.encode_basestring_ascii, None, ":", ",", False, False, True)

        def dumps(value):
            return "".join(encoder(value, 0))

        def loads(text):
            try:
                value, end = scan(text, 0)
            except StopIteration:
                raise ValueError("malformed JSON")
            if end != len(text):
                raise ValueError("malformed JSON")
            return value

        if loads(dumps([1, 0.5, "a\u00e9", {"k": None}])) == [1, 0.5, "a\u00e9", {"k": None}]:
            return dumps, loads
    except Exception:
        pass
    import json

    return json.dumps, json.loads


dumps, loads = json_codec()


def send(fd, message):
    data = dumps(message).encode("ascii")
    write_all(fd, b"%016x" % len(data) + data)


def receive(fd):
    header = read_exact(fd, 16)
    if header is None:
        return None
    size = int(header, 16)
    if not 0 <= size <= MAX_MESSAGE:
        raise ValueError("message too large")
    data = read_exact(fd, size)
    if data is None:
        return None
    return loads(data.decode("ascii"))


def encode(value, other, depth=0):
    """Plain data as tagged JSON; other() encodes anything else. Subclasses of the plain types
    give their underlying data through the base type's own methods, so an overridden __eq__,
    __iter__ or __str__ plays no part."""
    kind = type(value)
    if value is None or kind is bool or kind is int or kind is float or kind is str:
        return value
    if depth > 500:
        return other(value)
    depth += 1
    if kind is list:
        return [encode(item, other, depth) for item in value]
    if kind is tuple:
        return {"t": [encode(item, other, depth) for item in value]}
    if kind is dict:
        return {"d": [[encode(k, other, depth), encode(v, other, depth)] for k, v in value.items()]}
    if kind is set or kind is frozenset:
        return {"s" if kind is set else "f": [encode(item, other, depth) for item in value]}
    if kind is bytes:
        return {"b": value.hex()}
    if kind is bytearray:
        return {"a": value.hex()}
    if kind is complex:
        return {"c": [value.real, value.imag]}
    if kind is type and getattr(builtins, value.__name__, None) is value:
        return {"B": value.__name__}
    if issubclass(kind, int):
        return int.__int__(value)
    if issubclass(kind, float):
        return float.__float__(value)
    if issubclass(kind, str):
        return str.__str__(value)
    if issubclass(kind, list):
        return encode(list.copy(value), other, depth)
    if issubclass(kind, tuple):
        return encode(tuple.__getitem__(value, slice(None)), other, depth)
    if issubclass(kind, dict):
        return {"d": [[encode(k, other, depth), encode(v, other, depth)] for k, v in dict.items(value)]}
    if issubclass(kind, frozenset):
        return {"f": [encode(item, other, depth) for item in frozenset.__iter__(value)]}
    if issubclass(kind, set):
        return {"s": [encode(item, other, depth) for item in set.__iter__(value)]}
    if issubclass(kind, bytes):
        return {"b": bytes.hex(value)}
    return other(value)


def decode(data, handle):
    """The strict inverse of encode: only builtin plain values come out (and handles)."""
    kind = type(data)
    if data is None or kind is bool or kind is int or kind is float or kind is str:
        return data
    if kind is list:
        return [decode(item, handle) for item in data]
    if kind is not dict or len(data) != 1:
        raise ValueError("malformed value")
    ((tag, body),) = data.items()
    if tag in ("t", "s", "f", "d", "c", "h") and type(body) is not list:
        raise ValueError("malformed value")
    if tag == "t":
        return tuple(decode(item, handle) for item in body)
    if tag == "s":
        # Built the way CPython builds a set literal (a frozenset constant merged into an empty
        # set), so iteration order matches the sender's literal for the usual small-int sets.
        return set(frozenset(decode(item, handle) for item in body))
    if tag == "f":
        return frozenset(decode(item, handle) for item in body)
    if tag == "d":
        pairs = [decode(pair, handle) for pair in body]
        if not all(type(pair) is list and len(pair) == 2 for pair in pairs):
            raise ValueError("malformed dict")
        return {key: value for key, value in pairs}
    if tag in ("b", "a") and type(body) is str:
        return bytes.fromhex(body) if tag == "b" else bytearray.fromhex(body)
    if tag == "c" and len(body) == 2 and all(type(part) in (int, float) for part in body):
        return complex(body[0], body[1])
    if tag == "B" and type(body) is str:
        found = getattr(builtins, body, None)
        if isinstance(found, type):
            return found
    if tag == "h" and len(body) == 3 and type(body[0]) is int and type(body[1]) is str and type(body[2]) is str:
        return handle(body[0], body[1], body[2])
    raise ValueError("malformed value")


def frames(error):
    """(filename, line, function) of each frame of the error's traceback, outermost first."""
    found, tb = [], error.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        found.append((code.co_filename, tb.tb_lineno, code.co_name))
        tb = tb.tb_next
    return found


def source_line(sources, filename, line):
    lines = sources.get(filename, "").splitlines()
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def describe_error(error, sources):
    """Type, message and the innermost frame in the given sources, for explanations."""
    try:
        message = error.msg if isinstance(error, SyntaxError) else str(error)
    except Exception:
        message = "(unprintable)"
    where = None
    if isinstance(error, SyntaxError) and error.filename:
        where = [error.filename, error.lineno or 0, "<module>", (error.text or "").strip()]
    else:
        for filename, line, name in frames(error):
            if filename in sources:
                where = [filename, line, name, source_line(sources, filename, line)]
    return {"type": type(error).__name__, "message": str(message)[:2000], "where": where}


`;
