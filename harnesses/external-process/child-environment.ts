import { redactSecrets } from "../../src/models/secrets.js";

// The child's environment is built from an allow-list, not by removing known keys: whatever
// credentials the parent holds (provider keys, cloud tokens, CI secrets) are absent unless a
// name below lets them through, and even then a value that looks like a credential is dropped.

const INHERITED = new Set([
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "TZ",
  "TERM",
  "COLORTERM",
  "NO_COLOR",
  "TMPDIR",
  "TMP",
  "TEMP",
  "PYTHONPATH",
  "PYTHONHOME",
  "PYTHONIOENCODING",
  "VIRTUAL_ENV",
  "CONDA_PREFIX",
  "CONDA_DEFAULT_ENV",
  "NODE_PATH",
  "NODE_EXTRA_CA_CERTS",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "REQUESTS_CA_BUNDLE",
  "CURL_CA_BUNDLE",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "XDG_CACHE_HOME",
  "XDG_CONFIG_HOME",
  "XDG_DATA_HOME",
  "XDG_RUNTIME_DIR",
  "SYSTEMROOT",
  "COMSPEC",
  "PATHEXT",
  "WINDIR",
]);

/** Variables capbench sets for every sample; a harness's own `env` cannot override them. */
export const GATEWAY_VARIABLES = [
  "OPENAI_BASE_URL",
  "OPENAI_API_BASE",
  "OPENAI_API_KEY",
  "ANTHROPIC_BASE_URL",
  "ANTHROPIC_API_KEY",
  "CAPBENCH_MODEL",
  "CAPBENCH_MCP_URL",
  "CAPBENCH_SCRATCH_DIR",
  "CAPBENCH_TASK_ID",
] as const;

/** Names of provider credentials: refused in a harness's own `env` (capbench never hands a key over). */
const PROVIDER_CREDENTIAL =
  /^(?:OPENAI|ANTHROPIC|AZURE(?:_OPENAI)?|GOOGLE|GEMINI|VERTEX|MISTRAL|COHERE|GROQ|XAI|DEEPSEEK|TOGETHER|FIREWORKS|OPENROUTER|PERPLEXITY|HF|HUGGINGFACE(?:HUB)?|REPLICATE|VOYAGE|AWS|BEDROCK|CLAUDE)_\w*(?:KEY|TOKEN|SECRET)\w*$/i;

/** Whether a value carries something the secret filter recognises (a registered key, a key shape, URL credentials). */
function looksSecret(value: string): boolean {
  return redactSecrets(value) !== value;
}

/** Problems with a harness's own `env` (checked when the harness is created): names and values only, never the value. */
export function checkHarnessEnv(env: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if ((GATEWAY_VARIABLES as readonly string[]).includes(name))
      problems.push(`${name} is set by capbench for every sample`);
    else if (PROVIDER_CREDENTIAL.test(name))
      problems.push(`${name} looks like a provider credential; the gateway is the harness's only route to a model`);
    else if (typeof value !== "string") problems.push(`${name} must be a string`);
    else if (looksSecret(value)) problems.push(`the value of ${name} looks like a credential`);
  }
  return problems;
}

export function childEnvironment(options: {
  parentEnv: NodeJS.ProcessEnv;
  harnessEnv: Record<string, string>;
  gateway: Record<(typeof GATEWAY_VARIABLES)[number], string>;
}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.parentEnv)) {
    if (value === undefined || !(INHERITED.has(name) || name.startsWith("LC_"))) continue;
    if (!looksSecret(value)) env[name] = value;
  }
  // The gateway is on loopback: no proxy may stand between the child and it.
  for (const name of ["NO_PROXY", "no_proxy"]) {
    const existing = env[name] ? `${env[name]},` : "";
    env[name] = `${existing}127.0.0.1,localhost`;
  }
  // The OpenAI Agents SDK would export its traces to api.openai.com with the sample's token.
  env.OPENAI_AGENTS_DISABLE_TRACING = "1";
  Object.assign(env, options.harnessEnv, options.gateway);
  return env;
}
