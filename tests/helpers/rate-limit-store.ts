// A test database plus the rate-limit store under test: the data dir's local
// SQLite file, or Redis at 127.0.0.1:6379 (waited for until it answers), put back
// to the local store afterwards.
import { NextRequest } from "next/server";
import { afterAll, beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { rateLimitStoreKind, rateLimitStoreState, resetRateLimits } from "@/lib/security/rate-limit";
import { useTestDb } from "./test-db";

export const TEST_REDIS_URL = "redis://127.0.0.1:6379/0";

export function testRateLimitStore(store: "local" | "redis"): ReturnType<typeof useTestDb> {
  const t = useTestDb(store === "redis" ? { REDIS_URL: TEST_REDIS_URL } : {});
  beforeAll(async () => {
    if (store === "local") delete process.env.REDIS_URL;
    resetEnvCache();
    await resetRateLimits();
    // Until Redis is ready the local store counts; the tests are about Redis.
    rateLimitStoreKind();
    while (store === "redis" && rateLimitStoreState().redis !== "up") await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(async () => {
    await resetRateLimits();
    delete process.env.REDIS_URL;
    resetEnvCache();
  });
  return t;
}

const ORIGIN = "http://127.0.0.1:3000";

/** An unsafe request to the proxy gate as a browser on 127.0.0.1:3000 sends it. */
export function gatePost(path: string, headers: Record<string, string>, body: BodyInit, type: string): NextRequest {
  return new NextRequest(`${ORIGIN}${path}`, {
    method: "POST",
    body,
    headers: { "content-type": type, origin: ORIGIN, host: "127.0.0.1:3000", ...headers },
  });
}

/**
 * The sign-in form as React's client posts it (multipart, fields prefixed "1_", the
 * argument list in "0"), from `ip`, with `cookie` (a device cookie) if given.
 */
export async function loginPost(ip: string, email: string, cookie?: string): Promise<NextRequest> {
  const form = new FormData();
  form.append("1_email", email);
  form.append("1_password", "x");
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  const headers: Record<string, string> = {
    "content-length": String(body.length),
    "next-action": "abc",
    "x-forwarded-for": ip,
  };
  if (cookie) headers.cookie = cookie;
  return gatePost("/login", headers, body, encoded.headers.get("content-type")!);
}
