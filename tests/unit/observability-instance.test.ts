// Several instances behind a balancer: every log line names its instance.
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/observability/logger";
import { parseEnv } from "@/lib/env";

function capture(options: Parameters<typeof createLogger>[0]) {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger(options, {
    write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { log, lines };
}

describe("MINIPORTAL_INSTANCE", () => {
  it("is on every log line with the worker, and absent when unset", () => {
    const named = capture({ level: "info", json: true, worker: 2, instance: "app-2" });
    named.log.info({ event: "x" }, "one");
    named.log.warn("two");
    expect(named.lines).toHaveLength(2);
    for (const line of named.lines) expect(line).toMatchObject({ instance: "app-2", worker: 2 });

    const plain = capture({ level: "info", json: true });
    plain.log.info("three");
    expect(plain.lines[0]).not.toHaveProperty("instance");
    expect(plain.lines[0]).not.toHaveProperty("worker");
  });

  it("is validated with a message naming the variable", () => {
    const base = {
      NODE_ENV: "test" as const,
      AUTH_SECRET: "x".repeat(40),
      PORTAL_MASTER_PASS: "y".repeat(20),
      MINIPORTAL_DATA_DIR: "/nonexistent-miniportal",
    };
    expect(parseEnv({ ...base, MINIPORTAL_INSTANCE: "app-1" }).MINIPORTAL_INSTANCE).toBe("app-1");
    expect(() => parseEnv({ ...base, MINIPORTAL_INSTANCE: "app 1; rm" })).toThrow(
      /MINIPORTAL_INSTANCE must be 1-64 letters/,
    );
  });
});
