// Manual spans. Without a registered tracer provider (MINIPORTAL_OTLP_ENDPOINT
// unset) the OpenTelemetry API is a no-op, so these cost next to nothing.
// Span names: SPAN in ./span-names.ts (the real call sites use them; tests check those spans).
import { SpanStatusCode, trace, type Attributes } from "@opentelemetry/api";

const tracer = () => trace.getTracer("miniportal");

/** Runs fn inside a span; attributes must never carry secrets or private text. */
export async function withSpan<T>(name: string, attributes: Attributes, fn: () => Promise<T> | T): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn();
    } catch (error) {
      // The error's name only: messages can quote user input.
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : "error" });
      throw error;
    } finally {
      span.end();
    }
  });
}
