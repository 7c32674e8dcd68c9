// Inspect names a model `provider/model` (`openai/gpt-4o-mini`, `ollama/llama3.1`); capbench
// writes `provider:model`. Only the first separator changes, so the two are inverse:
// `ollama:qwen2.5:7b` ↔ `ollama/qwen2.5:7b`, `openrouter:meta-llama/llama-3` ↔ `openrouter/meta-llama/llama-3`.

export function capbenchModelId(inspectModel: string): string {
  const slash = inspectModel.indexOf("/");
  return slash === -1 ? inspectModel : `${inspectModel.slice(0, slash)}:${inspectModel.slice(slash + 1)}`;
}

export function inspectModelName(capbenchModel: string): string {
  const colon = capbenchModel.indexOf(":");
  return colon === -1 ? capbenchModel : `${capbenchModel.slice(0, colon)}/${capbenchModel.slice(colon + 1)}`;
}
