// The Python judge the code verifier runs in the sandbox (see verify-code.ts for the design and
// docs/sandbox.md for the threat model). Kept as source text so it ships inside the package.
export const PYTHON_JUDGE = String.raw`# capbench code verifier, Python judge. This process runs the task's tests; the code under test
# runs in a child forked before the tests are read, and answers calls over two pipes. Verdicts go
# to fd 4 only, and a pass carries the run's token, read from fd 3 once the tests have finished.
import builtins, json, os, sys

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


def send(fd, message):
    data = json.dumps(message).encode("ascii")
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
    return json.loads(data)


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
        return {decode(item, handle) for item in body}
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


def describe_error(error):
    """Type, message and the innermost frame of the code under test, for explanations."""
    import traceback

    try:
        message = str(error)
    except Exception:
        message = "(unprintable)"
    where = None
    if isinstance(error, SyntaxError) and error.filename:
        where = [error.filename, error.lineno or 0, "<module>", (error.text or "").strip()]
    else:
        for frame in traceback.extract_tb(error.__traceback__):
            where = [frame.filename, frame.lineno or 0, frame.name, (frame.line or "").strip()]
    return {"type": type(error).__name__, "message": message[:2000], "where": where}


# ---------------------------------------------------------------- the child: the code under test


def run_child(requests, replies, path):
    os.close(CHANNEL_IN)
    os.close(CHANNEL_OUT)
    namespace = {"__name__": "solution", "__file__": path, "__builtins__": builtins}
    sys.argv = [path]
    try:
        with open(path, encoding="utf-8") as file:
            source = file.read()
        exec(compile(source, path, "exec"), namespace)
    except Exception as error:
        send(replies, ["err", describe_error(error)])
        return
    send(replies, ["ok"])
    objects = []

    def other(value):
        objects.append(value)
        name = getattr(value, "__name__", "") if callable(value) else ""
        return {"h": [len(objects) - 1, type(value).__name__, name if type(name) is str else ""]}

    def find(index, type_name, name):
        return objects[index]

    out = lambda value: encode(value, other)
    while True:
        request = receive(requests)
        if request is None:
            return
        try:
            reply = serve(request, namespace, objects, out, find)
        except Exception as error:
            reply = ["err", describe_error(error)]
        send(replies, reply)


def serve(request, namespace, objects, out, find):
    import operator

    op = request[0]
    if op == "get":
        if request[1] not in namespace:
            return ["missing"]
        value = namespace[request[1]]
        if type(value).__name__ == "module":
            return ["module", value.__name__]
        return ["ok", out(value)]
    target = objects[request[1]]
    if op == "call":
        args = decode(request[2], find)
        kwargs = decode(request[3], find)
        result = target(*args, **kwargs)
        mutable = (list, dict, set, bytearray)
        return ["ok", out(result), [out(arg) if type(arg) in mutable else None for arg in args]]
    if op == "getattr":
        return ["ok", out(getattr(target, request[2]))]
    if op == "setattr":
        setattr(target, request[2], decode(request[3], find))
        return ["ok", None]
    if op == "delattr":
        delattr(target, request[2])
        return ["ok", None]
    if op == "op":
        args = decode(request[3], find)
        return ["ok", out(apply_operator(operator, request[2], target, args))]
    raise ValueError("unknown request")


def apply_operator(operator, name, target, args):
    if name in UNARY:
        return UNARY[name](target, *args)
    if name.startswith("__r") and name[:2] + name[3:] in BINARY:
        return getattr(operator, BINARY[name[:2] + name[3:]])(args[0], target)
    if name in BINARY:
        return getattr(operator, BINARY[name])(target, *args)
    raise ValueError("unknown operator " + name)


BINARY = {
    "__eq__": "eq", "__ne__": "ne", "__lt__": "lt", "__le__": "le", "__gt__": "gt", "__ge__": "ge",
    "__add__": "add", "__sub__": "sub", "__mul__": "mul", "__truediv__": "truediv",
    "__floordiv__": "floordiv", "__mod__": "mod", "__pow__": "pow", "__matmul__": "matmul",
    "__and__": "and_", "__or__": "or_", "__xor__": "xor", "__lshift__": "lshift",
    "__rshift__": "rshift", "__contains__": "contains", "__getitem__": "getitem",
    "__setitem__": "setitem", "__delitem__": "delitem",
}
UNARY = {
    "__bool__": bool, "__len__": len, "__iter__": iter, "__next__": next, "__str__": str,
    "__repr__": repr, "__hash__": hash, "__int__": int, "__float__": float, "__abs__": abs,
    "__neg__": lambda value: -value, "__pos__": lambda value: +value,
    "__invert__": lambda value: ~value, "__index__": lambda value: value.__index__(),
    "__round__": round, "__format__": format, "__reversed__": reversed,
    "__instancecheck__": lambda cls, value: isinstance(value, cls),
}
REFLECTED = [name[:2] + "r" + name[2:] for name in BINARY if name[2:-2] in (
    "add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "and", "or", "xor",
    "lshift", "rshift")]


# ---------------------------------------------------------------- the judge: the tests


class Session:
    def __init__(self, pid, replies, requests, mode):
        self.pid, self.replies, self.requests, self.mode = pid, replies, requests, mode
        self.gone = None  # why the code under test can no longer answer
        self.violation = None  # the first non-plain value a test used as a value
        self.remotes = {}

    def remote(self, index, type_name, name):
        found = self.remotes.get(index)
        if found is None:
            found = self.remotes[index] = Remote(self, index, type_name, name)
        return found

    def encode(self, value):
        def other(value):
            if type(value) is Remote and value._capbench_session is self:
                return {"h": [value._capbench_index, value._capbench_type, value._capbench_name]}
            raise TypeError("cannot pass a %s to the code under test (only plain data: %s)" % (type(value).__name__, PLAIN_TYPES))

        return encode(value, other)

    def request(self, message, during):
        if self.gone:
            raise ChildGone(self.gone)
        try:
            send(self.requests, message)
            reply = receive(self.replies)
        except (OSError, ValueError, RecursionError) as error:
            reply = None
        if reply is None or type(reply) is not list or not reply:
            raise self.lost(during)
        if reply[0] == "err" and len(reply) == 2 and type(reply[1]) is dict:
            raise_child_error(reply[1])
        return reply

    def lost(self, during):
        status = self.child_status()
        self.gone = INCOMPLETE + "the code under test %s %s" % (status, during)
        return ChildGone(self.gone)

    def child_status(self):
        import time

        for _ in range(20):
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return "ended"
            if pid:
                if os.WIFSIGNALED(status):
                    return "was killed by signal %d" % os.WTERMSIG(status)
                return "exited with status %d" % os.WEXITSTATUS(status)
            time.sleep(0.005)
        return "stopped answering"

    def value(self, reply, during):
        try:
            return decode(reply[1], self.remote)
        except (ValueError, TypeError, RecursionError):
            self.gone = INCOMPLETE + "the code under test sent a malformed value " + during
            raise ChildGone(self.gone)

    def call(self, remote, args, kwargs):
        during = "during a call to %s()" % (remote._capbench_name or "a %s object" % remote._capbench_type)
        encoded = [self.encode(list(args)), self.encode(dict(kwargs))]
        reply = self.request(["call", remote._capbench_index] + encoded, during)
        result = self.value(reply, during)
        if len(reply) == 3 and type(reply[2]) is list and len(reply[2]) == len(args):
            for arg, after in zip(args, reply[2]):
                if after is not None and type(arg) in (list, dict, set, bytearray):
                    write_back(arg, self.value([None, after], during))
        return result

    def operate(self, remote, name, args):
        if self.mode == "plain-data":
            message = "the code under test gave a value of type %s where the tests expect plain data (%s)" % (remote._capbench_type, PLAIN_TYPES)
            self.violation = self.violation or message
            raise NotPlainData(message)
        during = "during %s.%s" % (remote._capbench_type, name)
        reply = self.request(["op", remote._capbench_index, name, self.encode(list(args))], during)
        return self.value(reply, during)

    def lookup(self, name, under_test=False):
        during = "while the tests looked up %s" % name
        reply = self.request(["get", name], during)
        if reply[0] == "missing":
            raise KeyError(name)
        stdlib = not under_test and name in getattr(sys, "stdlib_module_names", ())
        if reply[0] == "module" or stdlib:
            import importlib

            module_name = reply[1] if reply[0] == "module" and type(reply[1]) is str else name
            return importlib.import_module(module_name)
        return self.value(reply, during)

    def stop(self):
        import signal

        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def write_back(arg, after):
    if type(arg) is list and type(after) is list:
        arg[:] = after
    elif type(arg) is dict and type(after) is dict or type(arg) is set and type(after) is set:
        arg.clear()
        arg.update(after)
    elif type(arg) is bytearray and type(after) is bytearray:
        arg[:] = after


def raise_child_error(info):
    name, message = str(info.get("type")), str(info.get("message"))
    found = getattr(builtins, name, None)
    error = None
    if isinstance(found, type) and issubclass(found, Exception):
        try:
            error = found(message) if message else found()
        except Exception:
            error = None
    if error is None:
        error = CodeUnderTestError("%s: %s" % (name, message))
    error.capbench_child = info
    raise error


class Remote:
    """A value that lives in the code under test: it can be called, passed back, and have its
    attributes read or set; with values "plain-data" any other use fails the sample."""

    __slots__ = ("_capbench_session", "_capbench_index", "_capbench_type", "_capbench_name")

    def __init__(self, session, index, type_name, name):
        object.__setattr__(self, "_capbench_session", session)
        object.__setattr__(self, "_capbench_index", index)
        object.__setattr__(self, "_capbench_type", type_name)
        object.__setattr__(self, "_capbench_name", name)

    def __call__(self, *args, **kwargs):
        return self._capbench_session.call(self, args, kwargs)

    def __getattr__(self, name):
        if name.startswith("__") and name not in ("__name__", "__qualname__", "__doc__", "__module__"):
            raise AttributeError(name)
        session = self._capbench_session
        return session.value(session.request(["getattr", self._capbench_index, name], "reading ." + name), "reading ." + name)

    def __setattr__(self, name, value):
        session = self._capbench_session
        session.request(["setattr", self._capbench_index, name, session.encode(value)], "setting ." + name)

    def __delattr__(self, name):
        self._capbench_session.request(["delattr", self._capbench_index, name], "deleting ." + name)

    def __repr__(self):
        if self._capbench_session.mode == "plain-data":
            return "<%s object of the code under test>" % self._capbench_type
        return self._capbench_session.operate(self, "__repr__", ())


def forward(name):
    def method(self, *args):
        return self._capbench_session.operate(self, name, args)

    method.__name__ = name
    return method


for _name in list(BINARY) + REFLECTED + [name for name in UNARY if name != "__repr__"]:
    setattr(Remote, _name, forward(_name))


class TestNamespace(dict):
    """The tests' globals: builtins are the judge's own; other names the tests do not define
    come from the code under test (stdlib modules by their real name)."""

    def __init__(self, session):
        super().__init__()
        self.session = session

    def __missing__(self, name):
        if hasattr(builtins, name):
            raise KeyError(name)
        value = self.session.lookup(name)
        self[name] = value
        return value


def remember_source(filename, source):
    import linecache

    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)


def explain(error, session):
    import traceback

    parts = []
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename in (TESTS_FILE, SETUP_FILE)]
    if frames:
        frame = frames[-1]
        parts += ['File "%s", line %s, in %s' % (frame.filename, frame.lineno, frame.name), (frame.line or "").strip()]
    child = getattr(error, "capbench_child", None)
    if type(child) is dict:
        where = child.get("where")
        if type(where) is list and len(where) == 4:
            parts += ['in the code under test: File "%s", line %s, in %s' % tuple(where[:3]), str(where[3])]
        parts.append("%s: %s" % (child.get("type"), child.get("message")) if child.get("message") else str(child.get("type")))
    else:
        parts.append(traceback.format_exception_only(type(error), error)[-1].strip())
    return "tests failed: " + " | ".join(part for part in parts if part)


def judge(session, spec):
    """None when every test ran to its end, else the explanation of the failure."""
    try:
        reply = receive(session.replies)
    except (OSError, ValueError, RecursionError):
        reply = None
    if reply is None or type(reply) is not list or not reply:
        return session.lost("while loading").args[0]
    if reply[0] == "err" and len(reply) == 2 and type(reply[1]) is dict:
        info = reply[1]
        where = info.get("where")
        location = 'File "%s", line %s | %s | ' % (where[0], where[1], where[3]) if type(where) is list and len(where) == 4 else ""
        return "the code did not load: %s%s: %s" % (location, info.get("type"), info.get("message"))
    tests, setup, entry = spec["tests"], spec.get("setup") or "", spec.get("entryPoint")
    namespace = TestNamespace(session)
    namespace.update({"__name__": "__main__", "__builtins__": builtins})
    try:
        if entry and setup:
            remember_source(SETUP_FILE, setup)
            exec(compile(setup, SETUP_FILE, "exec"), namespace)
        if entry:
            try:
                namespace[entry] = session.lookup(entry, under_test=True)
            except KeyError:
                return "tests failed: the code does not define %s" % entry
        remember_source(TESTS_FILE, tests)
        exec(compile(tests, TESTS_FILE, "exec"), namespace)
    except ChildGone:
        return session.gone
    except NotPlainData:
        return "tests failed: " + session.violation
    except BaseException as error:
        return session.gone or explain(error, session)
    if session.gone:
        return session.gone
    if session.violation:
        return "tests failed: " + session.violation
    return None


def read_spec():
    length = b""
    while not length.endswith(b"\n"):
        byte = os.read(CHANNEL_IN, 1)
        if not byte or len(length) > 12:
            raise JudgeError("no test specification on the channel")
        length += byte
    data = read_exact(CHANNEL_IN, int(length))
    if data is None:
        raise JudgeError("truncated test specification")
    return json.loads(data)


def read_token():
    token = b""
    while True:
        chunk = os.read(CHANNEL_IN, 256)
        if not chunk:
            break
        token += chunk
    return token.decode("ascii").strip()


def make_undumpable(required):
    """Without this, the child could open /proc/<judge>/fd/3 or /proc/<judge>/mem."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(4, 0, 0, 0, 0) != 0:  # PR_SET_DUMPABLE, 0
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE) failed")
    except Exception as error:
        if required:
            raise JudgeError("cannot protect the test process from the code under test: %s" % error)


def verdict(text):
    write_all(CHANNEL_OUT, text.encode("utf-8", "replace") + b"\n")


def main():
    mode, protection = sys.argv[1], sys.argv[2]
    os.set_blocking(CHANNEL_IN, True)
    os.set_blocking(CHANNEL_OUT, True)
    if protection != "none":
        make_undumpable(protection == "required")
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)
    path = os.path.abspath("solution.py")
    requests_read, requests_write = os.pipe()
    replies_read, replies_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            os.close(requests_write)
            os.close(replies_read)
            run_child(requests_read, replies_write, path)
            status = 0
        except SystemExit as exit:
            status = exit.code if type(exit.code) is int else (0 if exit.code is None else 1)
        finally:
            os._exit(status)
    os.close(requests_read)
    os.close(replies_write)
    session = Session(pid, replies_read, requests_write, mode)
    spec = read_spec()
    failure = judge(session, spec)
    session.stop()
    if failure is None:
        verdict("PASS " + read_token())
    else:
        verdict("FAIL " + json.dumps(failure))


if __name__ == "__main__":
    try:
        main()
    except BaseException as error:
        try:
            verdict("FAIL " + json.dumps("the verifier failed: %s: %s" % (type(error).__name__, error)))
        except BaseException:
            pass
    os._exit(0)
`;
