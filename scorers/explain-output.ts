const EXPLANATION_LENGTH = 400;

/**
 * The informative part of a program's error output, trimmed: for a Python traceback the last
 * frame and the error; for a Node error the message and its first stack frame.
 */
export function explainOutput(text: string): string {
  const lines = text
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== "" && !/^\s*[\^~]+$/.test(line));
  const nodeError = lines.findIndex(
    (line) => /^\w*Error\b.*(\[ERR_\w+\])?:|^\w*Error$/.test(line) && !line.startsWith("Traceback"),
  );
  const isNode = lines.some((line) => /^\s+at .*\.js:\d+/.test(line));
  let picked: string[];
  if (isNode && nodeError !== -1) {
    const frame = lines.findIndex((line, index) => index > nodeError && /^\s+at /.test(line));
    picked = lines.slice(nodeError, frame === -1 ? lines.length : frame + 1);
  } else {
    picked = lines.slice(-3);
  }
  return truncateExplanation(picked.map((line) => line.trim()).join(" | "));
}

export function truncateExplanation(text: string): string {
  return text.length <= EXPLANATION_LENGTH ? text : `${text.slice(0, EXPLANATION_LENGTH - 1)}…`;
}
