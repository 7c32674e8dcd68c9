import type { Gateway } from "./gateway-server.js";

// One gateway per process, started when the first sample needs it and closed when no sample
// has used it for a moment. The runner has no run-start/run-end hook for harnesses yet; until
// it has, leases keep the server up while samples run, and an idle timer (which never holds
// the process open) closes it between runs. `closeSharedGateway()` closes it at once.

const IDLE_CLOSE_MS = 2_000;

let gateway: Promise<Gateway> | null = null;
let leases = 0;
let idleTimer: NodeJS.Timeout | null = null;

export interface GatewayLease {
  gateway: Gateway;
  /** Idempotent. */
  release(): void;
}

export async function acquireGateway(): Promise<GatewayLease> {
  leases++;
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = null;
  }
  // Loaded on first use: a run without external harnesses never imports the gateway or MCP.
  gateway ??= import("./gateway-server.js").then(({ startGateway }) => startGateway());
  const current = gateway;
  let started: Gateway;
  try {
    started = await current;
  } catch (error) {
    leases--;
    if (gateway === current) gateway = null;
    throw error;
  }
  let released = false;
  return {
    gateway: started,
    release() {
      if (released) return;
      released = true;
      leases--;
      if (leases === 0 && gateway === current) {
        idleTimer = setTimeout(() => void closeSharedGateway(), IDLE_CLOSE_MS);
        idleTimer.unref();
      }
    },
  };
}

/** Closes the shared gateway now (a run-end hook, tests). Sessions still open get 401 afterwards. */
export async function closeSharedGateway(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const current = gateway;
  gateway = null;
  if (current) await (await current.catch(() => null))?.close();
}
