import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/observability/logger";
import { bindRequestUser, requestStorage } from "@/lib/observability/request-context";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger(
    { level: "debug", json: true },
    { write: (line: string) => void lines.push(JSON.parse(line)) },
  );
  return { log, lines };
}

describe("logger", () => {
  it("binds request_id and, once verified, student_id to every line of a request", async () => {
    const { log, lines } = capture();
    await requestStorage().run({ requestId: "req-00000001", studentId: null }, async () => {
      log.info({ event: "before" });
      await new Promise((r) => setTimeout(r, 1));
      bindRequestUser("user-42");
      log.info({ event: "after" });
    });
    log.info({ event: "outside" });
    expect(lines.map((l) => [l.event, l.request_id, l.student_id])).toEqual([
      ["before", "req-00000001", null],
      ["after", "req-00000001", "user-42"],
      ["outside", undefined, undefined],
    ]);
  });

  it("removes secret fields structurally, at the top level and one level down", () => {
    const { log, lines } = capture();
    log.warn({
      event: "x",
      password: "pw-1",
      token: "tok-2",
      user: { passwordHash: "h-3", email: "a@b.c" },
      body: "note-4",
      headers: { cookie: "c-5", authorization: "a-6" },
      masterPass: "m-7",
    });
    const text = JSON.stringify(lines);
    for (const secret of ["pw-1", "tok-2", "h-3", "note-4", "c-5", "a-6", "m-7"]) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ event: "x", level: "warn", user: { email: "a@b.c" } });
  });
});

describe("worker field", () => {
  it("every line of a server worker names it (0 is the primary); a lone process adds nothing", () => {
    const lines: Record<string, unknown>[] = [];
    const sink = { write: (line: string) => void lines.push(JSON.parse(line)) };
    createLogger({ level: "info", json: true, worker: 2 }, sink).info({ event: "a" });
    createLogger({ level: "info", json: true, worker: 0 }, sink).warn({ event: "b", worker_id: 1 });
    createLogger({ level: "info", json: true }, sink).info({ event: "c" });
    expect(lines.map((l) => l.worker)).toEqual([2, 0, undefined]);
  });
});
