/**
 * The lines of a streamed JSONL body, parsed one at a time (a results file can be hundreds of
 * megabytes). A line that is not JSON is reported to `onBadLine` and skipped: the request it
 * belonged to then has no result and fails like one the provider never answered.
 */
export async function* readJsonlLines(
  body: AsyncIterable<Uint8Array> | null,
  onBadLine: (line: string) => void,
): AsyncGenerator<unknown> {
  if (!body) return;
  const decoder = new TextDecoder();
  let rest = "";
  const parse = function* (line: string) {
    if (line.trim() === "") return;
    try {
      yield JSON.parse(line) as unknown;
    } catch {
      onBadLine(line);
    }
  };
  for await (const chunk of body) {
    rest += decoder.decode(chunk, { stream: true });
    const lines = rest.split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) yield* parse(line);
  }
  rest += decoder.decode();
  yield* parse(rest);
}
