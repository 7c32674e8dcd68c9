import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../src/errors.js";
import { probeBwrap } from "../src/sandbox/check-sandbox.js";
import { checkSandbox } from "../src/sandbox/index.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capbench-check-"));
fs.chmodSync(dir, 0o755); // the sandbox may drop root to nobody, who must reach the stand-in
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("checkSandbox", () => {
  it("accepts the installed bubblewrap and reports what it can do", async () => {
    const check = await checkSandbox("bwrap");
    expect(check.mode).toBe("bwrap");
    expect(check.features).toMatchObject({ tmpfsSize: true });
    if (process.getuid?.() === 0) expect(check.features!.dropToUid).toBe(65534);
  });

  it("says how to install bubblewrap when it is missing", async () => {
    const error = await probeBwrap(path.join(dir, "no-such-bwrap")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(
      /bubblewrap \(bwrap\) is not installed; install it \(Debian\/Ubuntu: `apt-get install bubblewrap`/,
    );
    expect((error as Error).message).toMatch(/--unsafe-no-sandbox/);
  });

  it("says how to enable user namespaces when bubblewrap cannot create them", async () => {
    // A stand-in for bwrap on a host where namespaces are off: it fails the way bwrap does there.
    const fake = path.join(dir, "bwrap");
    fs.writeFileSync(
      fake,
      '#!/bin/sh\nif [ "$1" = "--help" ]; then echo "usage: bwrap --size --disable-userns"; exit 0; fi\necho "bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces." >&2\nexit 1\n',
    );
    fs.chmodSync(fake, 0o755);
    const error = await probeBwrap(fake).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(
      /cannot create namespaces here \(bwrap: No permissions to creating new namespace/,
    );
    expect((error as Error).message).toMatch(/kernel\.unprivileged_userns_clone=1/);
  });

  it("warns in unsafe mode", async () => {
    expect(await checkSandbox("unsafe-none")).toMatchObject({
      mode: "unsafe-none",
      warning: expect.stringMatching(/WITHOUT isolation/),
    });
  });
});
