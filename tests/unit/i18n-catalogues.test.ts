// The catalogue check: English and Spanish hold the same keys with the same
// placeholders, every message is valid ICU, every key is used by the source, and
// every catalogue path the source names exists. (tsc checks t("…") keys against English.)
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { flatCatalogue, isUsed, messageArguments, readSources, ROOT } from "../helpers/catalogue-usage";

const en = flatCatalogue("en");
const es = flatCatalogue("es");
const sources = readSources();
const NAMESPACES = new Set([...en.keys()].map((k) => k.split(".")[0]));
// Language-neutral codes that only look like catalogue paths: audit actions
// (lib/audit/events.ts), the ops IPC message type (lib/observability/ops-data.ts), a
// course file name (lib/content/course-files.ts), a span attribute (lib/review/grading.ts)
// and a file name of the data export (lib/export/collect.ts).
const NEUTRAL_CODES = new Set([
  "audit.viewed",
  "mail.unsubscribed",
  // The mail sender's log events (lib/mail/sender.ts), not messages.
  "mail.sent",
  "mail.failed",
  "mail.retry",
  "mail.requeued",
  "ops.data",
  "phase.md",
  "review.grade",
  "exams.json",
]);

describe("message catalogues", () => {
  it("have the same keys in English and Spanish", () => {
    const missingInSpanish = [...en.keys()].filter((k) => !es.has(k));
    const missingInEnglish = [...es.keys()].filter((k) => !en.has(k));
    expect({ missingInSpanish, missingInEnglish }).toEqual({ missingInSpanish: [], missingInEnglish: [] });
  });

  it("hold a non-empty text for every key", () => {
    const empty = [...en, ...es].filter(([, v]) => typeof v !== "string" || !v.trim()).map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it("give both languages the same placeholders, in valid ICU syntax", () => {
    const problems: string[] = [];
    for (const [key, english] of en) {
      const spanish = es.get(key);
      if (spanish === undefined) continue;
      try {
        const a = messageArguments(english);
        const b = messageArguments(spanish);
        if (a.join() !== b.join()) problems.push(`${key}: en {${a.join(", ")}} es {${b.join(", ")}}`);
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("contain no key the source does not use", () => {
    const unused = [...en.keys()].filter((k) => !isUsed(k, sources));
    expect(unused).toEqual([]);
  });

  it("contain every catalogue path the source names", () => {
    const missing: string[] = [];
    for (const s of sources) {
      for (const literal of s.literals) {
        const [namespace] = literal.split(".");
        if (!/^[a-z]+(\.[A-Za-z0-9]+)+$/.test(literal) || !NAMESPACES.has(namespace)) continue;
        if (NEUTRAL_CODES.has(literal)) continue;
        // A path names a message or a whole group (a namespace bound with getTranslations).
        const exists = (path: string) => en.has(path) || [...en.keys()].some((k) => k.startsWith(`${path}.`));
        // …or a key relative to a namespace the file binds ("review.heading" under "account").
        const known = exists(literal) || [...s.namespaces].some((ns) => exists(`${ns}.${literal}`));
        if (!known) missing.push(`${s.file}: ${literal}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("are found by the usage check (it is not vacuous)", () => {
    expect(isUsed("common.nav.dashboard", sources)).toBe(true);
    expect(isUsed("errors.noExam", sources)).toBe(true);
    expect(isUsed("common.nav.noSuchKey", sources)).toBe(false);
  });
});

describe("messages sent to the browser", () => {
  const byFile = new Map(sources.map((s) => [s.file, s]));
  /** The namespaces bound by the client components a route file renders (everything a client module imports is client too). */
  const clientNamespaces = (file: string): Set<string> => {
    const found = new Set<string>();
    const seen = new Set<string>();
    const walk = (f: string, inClient: boolean) => {
      const s = byFile.get(f);
      if (!s || seen.has(`${f}:${inClient}`)) return;
      seen.add(`${f}:${inClient}`);
      const client = inClient || s.client;
      if (client) for (const ns of s.namespaces) found.add(ns);
      for (const i of s.imports) walk(i, client);
    };
    walk(file, false);
    return found;
  };
  const routeFiles = sources
    .map((s) => s.file)
    .filter((f) => /^app\/(.*\/)?(page|layout|error|not-found|loading)\.tsx$/.test(f));

  it("hold every message group a route's client components bind, and no whole catalogue", async () => {
    const { ROUTE_MESSAGES, SHARED_CLIENT_MESSAGES } = await import("@/lib/i18n/client-messages");
    const routes = Object.keys(ROUTE_MESSAGES) as (keyof typeof ROUTE_MESSAGES)[];
    const problems: string[] = [];
    for (const file of routeFiles) {
      const folder = path.dirname(file).replace(/^app\/?/, "");
      // The nearest segment with its own messages: next-intl's providers do not merge.
      const route = routes
        .filter((r) => folder === r || folder.startsWith(`${r}/`))
        .sort((a, b) => b.length - a.length)[0];
      const sent: readonly string[] = [...SHARED_CLIENT_MESSAGES, ...(route ? ROUTE_MESSAGES[route] : [])];
      for (const ns of clientNamespaces(file))
        if (!sent.some((p) => ns === p || ns.startsWith(`${p}.`)))
          problems.push(`${file}: ${ns} (sent: ${sent.join(", ")})`);
    }
    for (const route of routes) {
      const layout = path.join(ROOT, "app", route, "layout.tsx");
      if (!existsSync(layout) || !readFileSync(layout, "utf8").includes(`<RouteMessages route="${route}">`))
        problems.push(`app/${route}/layout.tsx does not render <RouteMessages route="${route}">`);
    }
    expect(problems).toEqual([]);
  });

  it("finds the client components of a route (the check is not vacuous)", () => {
    expect([...clientNamespaces("app/review/page.tsx")]).toContain("review");
    expect([...clientNamespaces("app/layout.tsx")]).toContain("common.locale");
    expect(routeFiles.length).toBeGreaterThan(20);
  });
});
