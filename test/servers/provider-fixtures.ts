import type { ModelSpec } from "../../src/types.js";
import { startAnthropicServer } from "./anthropic-server.js";
import type { FakeServer, FakeServerOptions } from "./fake-server.js";
import { startOllamaServer } from "./ollama-server.js";
import { startOpenAIServer } from "./openai-server.js";

// How to point each real SDK at its test server: the model spec and the environment a run
// would have. Reused by provider tests and by agent tests that need real tool-call round trips.

export interface ProviderFixture {
  provider: "anthropic" | "openai" | "ollama";
  start(options?: FakeServerOptions): Promise<FakeServer>;
  spec(overrides?: Partial<ModelSpec>): ModelSpec;
  /** Environment with the base-URL variable pointed at `server` and a test key. */
  env(server: FakeServer, key?: string): NodeJS.ProcessEnv;
  /** The base URL as the user would write it (OpenAI's includes /v1). */
  baseURL(server: FakeServer): string;
}

export const TEST_KEY = "sk-test-SECRET123";

export const PROVIDER_FIXTURES: ProviderFixture[] = [
  {
    provider: "anthropic",
    start: startAnthropicServer,
    spec: (overrides) => ({ id: "anthropic:claude-sonnet-5", tier: "frontier", ...overrides }),
    env: (server, key = TEST_KEY) => ({ ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: server.url }),
    baseURL: (server) => server.url,
  },
  {
    provider: "openai",
    start: startOpenAIServer,
    spec: (overrides) => ({ id: "openai:gpt-5-mini", tier: "mid", ...overrides }),
    env: (server, key = TEST_KEY) => ({ OPENAI_API_KEY: key, OPENAI_BASE_URL: `${server.url}/v1` }),
    baseURL: (server) => `${server.url}/v1`,
  },
  {
    provider: "ollama",
    start: startOllamaServer,
    spec: (overrides) => ({ id: "ollama:qwen2.5:7b", tier: "low", ...overrides }),
    env: (server) => ({ OLLAMA_HOST: server.url }),
    baseURL: (server) => server.url,
  },
];
