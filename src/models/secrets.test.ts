import { describe, expect, it } from "vitest";
import { describeBaseURL, redactSecrets, registerSecret } from "./secrets.js";

describe("redactSecrets", () => {
  it("removes key shapes, auth headers and URL credentials", () => {
    const text = [
      "key sk-test-SECRET123 and sk-ant-api03-abcdefgh",
      "Authorization: Bearer abcdefghijklmnop",
      '{"x-api-key":"zzzzsecretzzzz"}',
      "at https://admin:hunter2@proxy.example.com/v1?api_key=qsecret&model=x",
    ].join("\n");
    const redacted = redactSecrets(text);
    for (const secret of ["SECRET123", "api03-abcdefgh", "abcdefghijklmnop", "zzzzsecretzzzz", "hunter2", "qsecret"]) {
      expect(redacted).not.toContain(secret);
    }
    expect(redacted).toContain("proxy.example.com/v1");
    expect(redacted).toContain("model=x");
  });

  it("removes registered values whatever their shape", () => {
    registerSecret("plainvalue-42");
    expect(redactSecrets("the server said plainvalue-42 is wrong")).toBe("the server said [REDACTED] is wrong");
  });
});

describe("describeBaseURL", () => {
  it("strips user, password, query and fragment", () => {
    expect(describeBaseURL("https://u:p@host.example:8443/v1/?key=abc#x")).toBe("https://host.example:8443/v1");
    expect(describeBaseURL("127.0.0.1:11434")).toBe("http://127.0.0.1:11434");
    expect(describeBaseURL(undefined)).toBe("");
  });
});
