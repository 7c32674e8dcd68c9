#!/usr/bin/env python3
"""A capbench external harness in plain Python (standard library only): one model call.

capbench starts this script once per sample with the task as JSON on stdin and the gateway
in the environment (OPENAI_BASE_URL, OPENAI_API_KEY = the sample's token, CAPBENCH_MODEL).
The last line printed to stdout is the answer.

Run it offline on the simulated ladder:
  npx capbench run --suite multihop --harness "exec:python3 examples/external-python-prompt.py" --models sim:low,sim:frontier
"""
import json
import os
import re
import sys
import urllib.error
import urllib.request

SYSTEM = (
    "You are a careful assistant. Solve the task. Reply with the answer only, no working. "
    'End your reply with a line of the form "Answer: <your final answer>".'
)


def render_documents(documents):
    return "\n\n".join(
        f"[Document {doc['id']}{': ' + doc['title'] if doc.get('title') else ''}]\n{doc['text']}"
        for doc in documents
    )


def chat(messages):
    """POST /v1/chat/completions, not streamed; returns the reply text."""
    body = {"model": os.environ["CAPBENCH_MODEL"], "messages": messages}
    request = urllib.request.Request(
        os.environ["OPENAI_BASE_URL"].rstrip("/") + "/chat/completions",
        data=json.dumps(body).encode("utf-8"),
        headers={
            "Authorization": "Bearer " + os.environ["OPENAI_API_KEY"],
            "Content-Type": "application/json",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            reply = json.load(response)
    except urllib.error.HTTPError as error:
        # A limit (turns, tokens, cost, time) or a provider fault: capbench records it.
        message = json.load(error).get("error", {}).get("message", str(error))
        sys.exit(f"model call failed: {message}")
    return reply["choices"][0]["message"]["content"] or ""


def main():
    task = json.load(sys.stdin)
    documents = task.get("documents") or []
    prompt = (render_documents(documents) + "\n\n" if documents else "") + task["prompt"]
    text = chat([{"role": "system", "content": SYSTEM}, {"role": "user", "content": prompt}])
    answers = re.findall(r"(?:^|\n)\s*(?:final\s+)?answer\s*:\s*(.*)", text, re.IGNORECASE)
    print(answers[-1].strip() if answers else text.strip())


if __name__ == "__main__":
    main()
