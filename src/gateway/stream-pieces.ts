/**
 * Splits text into pieces for streamed deltas, never inside a surrogate pair (a client that
 * concatenates deltas as code points, as Python does, must get the same text back).
 */
export function streamPieces(text: string, size = 48): string[] {
  if (text.length <= size) return text ? [text] : [];
  const pieces: string[] = [];
  let current = "";
  for (const character of text) {
    current += character;
    if (current.length >= size) {
      pieces.push(current);
      current = "";
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

let counter = 0;
/** An id in the provider's style (`chatcmpl-…`, `resp_…`, `msg_…`): unique in this process. */
export function wireId(prefix: string): string {
  counter = (counter + 1) % 1_000_000;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36).padStart(4, "0")}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
