// The Python judge the code verifier runs in the sandbox (see verify-code.ts for the design and
// docs/sandbox.md for the threat model), kept as source text so it ships inside the package.
// This part runs the tests; the two others are the codec and the child that runs the code.
import { PYTHON_JUDGE_CHILD } from "./code-judge-python-child.js";
import { PYTHON_JUDGE_WIRE } from "./code-judge-python-wire.js";

const TESTS_SIDE = String.raw`# ---------------------------------------------------------------- the judge: the tests


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
        except Exception:  # Broken pipe, malformed or huge reply (MemoryError): the code broke the protocol.
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
        except Exception:
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
        try:
            os.kill(self.pid, 9)  # SIGKILL; the judge exits next, so nobody waits for it.
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


def explain(error, sources):
    parts = []
    found = [frame for frame in frames(error) if frame[0] in sources]
    if found:
        filename, line, name = found[-1]
        parts += ['File "%s", line %s, in %s' % (filename, line, name), source_line(sources, filename, line)]
    child = getattr(error, "capbench_child", None)
    if type(child) is dict:
        where = child.get("where")
        if type(where) is list and len(where) == 4:
            parts += ['in the code under test: File "%s", line %s, in %s' % tuple(where[:3]), str(where[3])]
        parts.append("%s: %s" % (child.get("type"), child.get("message")) if child.get("message") else str(child.get("type")))
    else:
        try:
            message = str(error)
        except Exception:
            message = ""
        parts.append("%s: %s" % (type(error).__name__, message) if message else type(error).__name__)
    return "tests failed: " + " | ".join(part for part in parts if part)


def run_setup():
    """The task's setup (trusted, like the tests), run before the fork: its imports are then loaded
    once for both processes, and its definitions are the tests' when there is an entry point."""
    if not os.path.exists(SETUP_FILE):
        return "", None
    with open(SETUP_FILE, encoding="utf-8") as file:
        setup = file.read()
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    try:
        exec(compile(setup, SETUP_FILE, "exec"), namespace)
    except Exception:
        return setup, None  # The code under test runs it too and reports the error.
    return setup, namespace


def judge(session, spec, setup, setup_namespace):
    """None when every test ran to its end, else the explanation of the failure."""
    try:
        reply = receive(session.replies)
    except Exception:
        reply = None
    if reply is None or type(reply) is not list or not reply:
        return session.lost("while loading").args[0]
    if reply[0] == "err" and len(reply) == 2 and type(reply[1]) is dict:
        info = reply[1]
        where = info.get("where")
        location = 'File "%s", line %s | %s | ' % (where[0], where[1], where[3]) if type(where) is list and len(where) == 4 else ""
        return "the code did not load: %s%s: %s" % (location, info.get("type"), info.get("message"))
    tests, entry = spec["tests"], spec.get("entryPoint")
    namespace = TestNamespace(session)
    namespace.update({"__name__": "__main__", "__builtins__": builtins})
    if entry and setup_namespace is not None:
        namespace.update(setup_namespace)
    try:
        if entry:
            try:
                namespace[entry] = session.lookup(entry, under_test=True)
            except KeyError:
                return "tests failed: the code does not define %s" % entry
        exec(compile(tests, TESTS_FILE, "exec"), namespace)
    except ChildGone:
        return session.gone
    except NotPlainData:
        return "tests failed: " + session.violation
    except BaseException as error:
        return session.gone or explain(error, {TESTS_FILE: tests, SETUP_FILE: setup})
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
    return loads(data.decode("utf-8"))


def read_token():
    token = b""
    while True:
        chunk = os.read(CHANNEL_IN, 256)
        if not chunk:
            break
        token += chunk
    return token.decode("ascii").strip()


def make_undumpable(required):
    """Without this, the child could open /proc/<judge>/fd/3, read /proc/<judge>/mem, or take the
    judge's fds with pidfd_getfd. Calls prctl through _ctypes alone: the ctypes package costs more."""
    try:
        import _ctypes

        class Int(_ctypes._SimpleCData):
            _type_ = "i"

        class Function(_ctypes.CFuncPtr):
            _flags_ = _ctypes.FUNCFLAG_CDECL | _ctypes.FUNCFLAG_USE_ERRNO
            _restype_ = Int

        class Library:
            _handle = _ctypes.dlopen(None)

        prctl = Function(("prctl", Library()))
        if prctl(4, 0, 0, 0, 0) != 0 or prctl(3, 0, 0, 0, 0) != 0:  # PR_SET_DUMPABLE 0, then PR_GET_DUMPABLE
            raise OSError("prctl(PR_SET_DUMPABLE, 0) failed")
    except Exception as error:
        if required:
            raise JudgeError("cannot protect the test process from the code under test: %s" % error)


def verdict(text):
    write_all(CHANNEL_OUT, text.encode("utf-8", "replace") + b"\n")


def main():
    mode, protection = sys.argv[1], sys.argv[2]
    try:
        import _signal

        # Python turns SIGINT into KeyboardInterrupt anywhere in the tests, where a bare except
        # could swallow it: the code under test must not be able to interrupt them that way.
        _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
        # Nothing but stdio and the channel: no fd the runner's own parent may have leaked.
        os.closerange(CHANNEL_OUT + 1, 1 << 16)
        os.set_blocking(CHANNEL_IN, True)
        os.set_blocking(CHANNEL_OUT, True)
        if protection != "none":
            make_undumpable(protection == "required")
        if hasattr(sys, "set_int_max_str_digits"):
            sys.set_int_max_str_digits(0)
        path = os.path.abspath("solution.py")
        setup, setup_namespace = run_setup()
        requests_read, requests_write = os.pipe()
        replies_read, replies_write = os.pipe()
    except BaseException as error:
        # Before the code under test exists: the verifier cannot work here, which is no verdict.
        verdict("ERROR " + dumps("the verifier could not start: %s" % error))
        return
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
    failure = judge(session, spec, setup, setup_namespace)
    session.stop()
    if failure is None:
        verdict("PASS " + read_token())
    else:
        verdict("FAIL " + dumps(failure))


if __name__ == "__main__":
    try:
        main()
    except BaseException as error:
        try:
            verdict("FAIL " + dumps("the verifier failed: %s: %s" % (type(error).__name__, error)))
        except BaseException:
            pass
    os._exit(0)
`;

export const PYTHON_JUDGE = PYTHON_JUDGE_WIRE + PYTHON_JUDGE_CHILD + TESTS_SIDE;
