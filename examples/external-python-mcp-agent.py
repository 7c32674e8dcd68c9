#!/usr/bin/env python3
"""A capbench external harness in plain Python (standard library only): a tool-using agent.

The task's tools (search, read, run_tests, ...) come from capbench's MCP server at
CAPBENCH_MCP_URL; the model is capbench's gateway at OPENAI_BASE_URL (Chat Completions,
not streamed). The agent calls tools until the model calls submit_answer, then prints the
answer as its last stdout line. Every model and tool call is recorded by capbench.

Run it offline on the simulated ladder:
  npx capbench run --suite multihop --harness "exec:python3 examples/external-python-mcp-agent.py" --models sim:low,sim:frontier
"""
import json
import os
import re
import sys
import urllib.error
import urllib.request

SYSTEM = " ".join(
    [
        "You are an agent that solves a task using the tools you are given.",
        "Look up what you need with the tools instead of guessing facts you have not seen; note the facts you find as you go.",
        'When you know the final answer, call submit_answer with it (or end your reply with a line "Answer: <answer>").',
    ]
)
SUBMIT_ANSWER = {
    "name": "submit_answer",
    "description": "Submit your final answer. This ends your work on the task.",
    "parameters": {
        "type": "object",
        "properties": {"answer": {"type": ["string", "number"], "description": "The final answer only, no explanation."}},
        "required": ["answer"],
        "additionalProperties": False,
    },
}
NUDGE = 'Continue: call a tool, or give your final answer with submit_answer or a final line "Answer: <answer>".'
MAX_TURNS = 50


class McpClient:
    """A minimal MCP streamable-HTTP client: JSON-RPC over POST; replies as JSON or as an SSE stream."""

    def __init__(self, url):
        self.url = url
        self.session_id = None
        self.protocol_version = None
        self.next_id = 0

    def _post(self, message):
        headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
        if self.session_id:
            headers["Mcp-Session-Id"] = self.session_id
        if self.protocol_version:
            headers["MCP-Protocol-Version"] = self.protocol_version
        request = urllib.request.Request(self.url, data=json.dumps(message).encode("utf-8"), headers=headers, method="POST")
        with urllib.request.urlopen(request, timeout=600) as response:
            self.session_id = response.headers.get("Mcp-Session-Id") or self.session_id
            if "id" not in message or response.status == 202:
                return None
            if response.headers.get("Content-Type", "").startswith("text/event-stream"):
                return self._reply_from_sse(response, message["id"])
            return json.load(response)

    @staticmethod
    def _reply_from_sse(response, request_id):
        data = []
        for raw in response:
            line = raw.decode("utf-8").rstrip("\r\n")
            if line.startswith("data:"):
                data.append(line[5:].lstrip(" "))
            elif line == "" and data:
                event = json.loads("\n".join(data))
                data = []
                if event.get("id") == request_id and ("result" in event or "error" in event):
                    return event
        raise RuntimeError("MCP stream ended without a reply")

    def request(self, method, params=None):
        self.next_id += 1
        reply = self._post({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params or {}})
        if "error" in reply:
            raise RuntimeError(f"MCP {method}: {reply['error'].get('message')}")
        return reply["result"]

    def initialize(self):
        result = self.request(
            "initialize",
            {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "capbench-python-example", "version": "1.0"}},
        )
        self.protocol_version = result["protocolVersion"]
        self._post({"jsonrpc": "2.0", "method": "notifications/initialized"})

    def list_tools(self):
        tools, cursor = [], None
        for _ in range(100):
            result = self.request("tools/list", {"cursor": cursor} if cursor else {})
            tools.extend(result["tools"])
            cursor = result.get("nextCursor")
            if not cursor:
                break
        return tools

    def call_tool(self, name, arguments):
        result = self.request("tools/call", {"name": name, "arguments": arguments})
        text = "\n".join(part.get("text", "") for part in result.get("content", []) if part.get("type") == "text")
        return text, bool(result.get("isError"))


class LimitReached(Exception):
    pass


def chat(messages, tools):
    body = {"model": os.environ["CAPBENCH_MODEL"], "messages": messages, "tools": tools}
    request = urllib.request.Request(
        os.environ["OPENAI_BASE_URL"].rstrip("/") + "/chat/completions",
        data=json.dumps(body).encode("utf-8"),
        headers={"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"], "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return json.load(response)["choices"][0]["message"]
    except urllib.error.HTTPError as error:
        detail = json.load(error).get("error", {})
        if str(detail.get("code", "")).startswith("capbench_"):
            # A capbench limit (turns, tokens, cost, time): stop and give the best answer so far.
            raise LimitReached(detail.get("message"))
        raise


def final_answer_line(text):
    answers = re.findall(r"(?:^|\n)\s*(?:final\s+)?answer\s*:\s*(.*)", text or "", re.IGNORECASE)
    return answers[-1].strip() if answers else None


def main():
    task = json.load(sys.stdin)
    mcp = McpClient(os.environ["CAPBENCH_MCP_URL"])
    mcp.initialize()
    tools = [
        {"type": "function", "function": {"name": tool["name"], "description": tool.get("description", ""), "parameters": tool["inputSchema"]}}
        for tool in mcp.list_tools()
    ]
    tools.append({"type": "function", "function": SUBMIT_ANSWER})
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": task["prompt"]}]
    best, idle = "", 0
    try:
        for _ in range(MAX_TURNS):
            reply = chat(messages, tools)
            messages.append({key: reply[key] for key in ("role", "content", "tool_calls") if reply.get(key) is not None})
            best = final_answer_line(reply.get("content")) or best
            calls = reply.get("tool_calls") or []
            if not calls:
                if final_answer_line(reply.get("content")) is not None:
                    break
                idle += 1
                if idle >= 2:
                    best = best or (reply.get("content") or "").strip()
                    break
                messages.append({"role": "user", "content": NUDGE})
                continue
            idle = 0
            for call in calls:
                name = call["function"]["name"]
                arguments = json.loads(call["function"]["arguments"] or "{}")
                if name == "submit_answer":
                    if "answer" in arguments:
                        print(json.dumps({"answer": str(arguments["answer"]).strip()}))
                        return
                    problems = ['missing required argument "answer"'] + [f'unknown argument "{key}"' for key in arguments]
                    text = "Error: " + "; ".join(problems) + "."
                else:
                    text, _is_error = mcp.call_tool(name, arguments)
                messages.append({"role": "tool", "tool_call_id": call["id"], "content": text})
    except LimitReached as limit:
        print(f"stopped: {limit}", file=sys.stderr)
    print(json.dumps({"answer": best}))


if __name__ == "__main__":
    main()
