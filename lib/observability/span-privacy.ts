// What leaves the process in a span. URLs become route templates (an invite
// token sits in its path), credential-like attributes are dropped, exception
// events keep their type only (messages can quote input). Applied to every span
// by the exporter wrapper in otel.ts, so no instrumentation can bypass it.
import type { Attributes, AttributeValue } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { type RouteMatcher, pathOf } from "./route-templates";

const URL_ATTRIBUTES = new Set(["http.target", "http.url", "url.full", "url.path", "url.query", "next.url"]);
const CREDENTIAL_KEY = /cookie|authorization|password|passwd|secret|token|session|set-cookie|body|answer/i;
const EVENT_ATTRIBUTES = new Set(["exception.type", "exception.escaped"]);

/** A path or URL as its route template; Next's own "/x/[id]/page" module names stay. */
function templateOf(target: string, matcher: RouteMatcher): string {
  const path = pathOf(target);
  const moduleName = /^(.*)\/(page|route|layout)$/.exec(path);
  if (moduleName && !/^https?:/.test(target) && matcher(moduleName[1] || "/") === (moduleName[1] || "/")) return path;
  return matcher(path);
}

/** Every "/…" word and every URL in a span name becomes its route template. */
export function sanitizeSpanName(name: string, matcher: RouteMatcher): string {
  return name.replace(
    /(^|\s)(\/\S*|https?:\/\/\S+)/g,
    (_m, lead: string, target: string) => `${lead}${templateOf(target, matcher)}`,
  );
}

export function sanitizeAttributes(attributes: Attributes, matcher: RouteMatcher): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (URL_ATTRIBUTES.has(key)) {
      out[key] = typeof value === "string" ? matcher(pathOf(value)) : UNSAFE;
      continue;
    }
    if (CREDENTIAL_KEY.test(key) && key !== "next.route" && key !== "http.route") continue;
    out[key] = typeof value === "string" ? sanitizeSpanName(value, matcher) : value;
  }
  return out;
}
const UNSAFE: AttributeValue = "[dropped]";

function pick(attributes: Attributes | undefined, allowed: Set<string>): Attributes {
  return Object.fromEntries(Object.entries(attributes ?? {}).filter(([k]) => allowed.has(k)));
}

export function sanitizeSpan(span: ReadableSpan, matcher: RouteMatcher): ReadableSpan {
  return {
    name: sanitizeSpanName(span.name, matcher),
    kind: span.kind,
    spanContext: () => span.spanContext(),
    parentSpanContext: span.parentSpanContext,
    startTime: span.startTime,
    endTime: span.endTime,
    status: { code: span.status.code },
    attributes: sanitizeAttributes(span.attributes, matcher),
    links: span.links.map((link) => ({
      context: link.context,
      attributes: sanitizeAttributes(link.attributes ?? {}, matcher),
    })),
    events: span.events.map((event) => ({ ...event, attributes: pick(event.attributes, EVENT_ATTRIBUTES) })),
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}
