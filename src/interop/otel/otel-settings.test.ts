import { describe, expect, it } from "vitest";
import { otelSettings } from "./otel-settings.js";

describe("otelSettings", () => {
  it("is off unless --otel or an OTLP endpoint variable is set", () => {
    expect(otelSettings({})).toBeNull();
    expect(otelSettings({ OTEL_SERVICE_NAME: "x" })).toBeNull();
    expect(
      otelSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_SDK_DISABLED: "true" }),
    ).toBeNull();
  });

  it("builds the traces URL the way the OTLP exporter specification does", () => {
    expect(otelSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" })?.tracesUrl).toBe(
      "http://collector:4318/v1/traces",
    );
    expect(otelSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/custom" })?.tracesUrl).toBe(
      "http://collector:4318/custom",
    );
    expect(otelSettings({}, { endpoint: "" })?.tracesUrl).toBe("http://localhost:4318/v1/traces");
    expect(
      otelSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318" }, { endpoint: "http://b:4318/v1/traces" })
        ?.tracesUrl,
    ).toBe("http://b:4318/v1/traces");
    expect(otelSettings({}, {}, true)?.tracesUrl).toBe("http://localhost:4318/v1/traces");
  });

  it("records contents only when opted in, and reads the service name and headers", () => {
    const settings = otelSettings({
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
      OTEL_SERVICE_NAME: "evals",
      OTEL_EXPORTER_OTLP_HEADERS: "x-team=ml%20infra,broken",
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: "authorization=Bearer%20t",
      OTEL_EXPORTER_OTLP_TIMEOUT: "2500",
    });
    expect(settings).toMatchObject({
      content: false,
      serviceName: "evals",
      headers: { "x-team": "ml infra", authorization: "Bearer t" },
      timeoutMs: 2500,
    });
    expect(
      otelSettings({ OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: "TRUE" }, { endpoint: "" })?.content,
    ).toBe(true);
    expect(otelSettings({}, { endpoint: "", content: true })?.content).toBe(true);
  });
});
