// Absolute URLs come from configuration only (issue 12, item 4).
import { afterEach, describe, expect, it } from "vitest";
import { absoluteUrl } from "@/lib/config/base-url";
import { resetEnvCache } from "@/lib/env";

const base = {
  AUTH_SECRET: "unit-auth-secret-0123456789abcdef0123456789",
  PORTAL_MASTER_PASS: "unit master pass 0123456789",
  MINIPORTAL_DATA_DIR: "/tmp/miniportal-unit",
};

function configure(extra: Record<string, string | undefined>): void {
  delete process.env.MINIPORTAL_BASE_URL;
  delete process.env.PORT;
  Object.assign(process.env, base);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) process.env[k] = v;
  resetEnvCache();
}

afterEach(() => configure({}));

describe("invite links", () => {
  it("use MINIPORTAL_BASE_URL when set", () => {
    configure({ MINIPORTAL_BASE_URL: "https://portal.example.org" });
    expect(absoluteUrl("/invite/abc")).toBe("https://portal.example.org/invite/abc");
  });

  it("default to http://localhost:<PORT>, as the README says", () => {
    configure({ PORT: "4123" });
    expect(absoluteUrl("/invite/abc")).toBe("http://localhost:4123/invite/abc");
    configure({});
    expect(absoluteUrl("/invite/abc")).toBe("http://localhost:3000/invite/abc");
  });
});
