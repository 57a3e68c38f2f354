// Manual spans. Without a registered tracer provider (MINIPORTAL_OTLP_ENDPOINT
// unset) the OpenTelemetry API is a no-op, so these cost next to nothing.
// Span names: ./span-names.ts.
import { SpanStatusCode, trace, type Attributes } from "@opentelemetry/api";
import { metrics } from "./metrics";
import { SPAN } from "./span-names";

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

/** A vault decrypt: the `vault.decrypt` span and the portal_vault_decrypt_seconds histogram. */
export async function traceVaultDecrypt<T>(attributes: Attributes, fn: () => Promise<T> | T): Promise<T> {
  return withSpan(SPAN.vaultDecrypt, attributes, async () => {
    const stop = metrics().vaultDecrypt.startTimer();
    try {
      return await fn();
    } finally {
      stop();
    }
  });
}

/** An SM-2 scheduling step: the `review.sm2_update` span. */
export async function traceSm2Update<T>(attributes: Attributes, fn: () => Promise<T> | T): Promise<T> {
  return withSpan(SPAN.sm2Update, attributes, fn);
}
