import { describe, expect, it } from "vitest";
import { bearerTokenMatches } from "@/lib/observability/metrics-auth";

describe("/metrics bearer token", () => {
  const token = "a-metrics-token-of-some-length";
  it("accepts exactly the configured token", () => {
    expect(bearerTokenMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerTokenMatches(`bearer ${token}`, token)).toBe(true);
  });
  it("refuses anything else", () => {
    for (const header of [
      null,
      "",
      "Bearer",
      "Bearer ",
      `Bearer ${token}x`,
      `Bearer ${token.slice(1)}`,
      `Basic ${token}`,
      token,
      `Bearer ${token} extra`,
    ]) {
      expect(bearerTokenMatches(header, token)).toBe(false);
    }
  });
});
