// The part of the Python judge that runs in the forked child: it loads the code under test and answers the judge's requests.
// Source text, joined in code-judge-python.ts.
export const PYTHON_JUDGE_CHILD = String.raw`# ---------------------------------------------------------------- the child: the code under test


def run_child(requests, replies, path):
    import _signal

    os.close(CHANNEL_IN)
    os.close(CHANNEL_OUT)
    _signal.signal(_signal.SIGINT, _signal.default_int_handler)
    namespace = {"__name__": "solution", "__file__": path, "__builtins__": builtins}
    sys.argv = [path]
    sources = {}
    try:
        with open(path, encoding="utf-8") as file:
            sources[path] = file.read()
        exec(compile(sources[path], path, "exec"), namespace)
    except Exception as error:
        send(replies, ["err", describe_error(error, sources)])
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
            reply = ["err", describe_error(error, sources)]
        send(replies, reply)


def serve(request, namespace, objects, out, find):
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
        import operator

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


`;
