// Hostile input at scale (fast-check) against the layers every server action and
// route handler goes through: FormData reading, the zod schemas, the security
// checks and the lib/ functions behind each action. Pass criterion: nothing
// throws, every refusal carries a message, and refused input leaves the
// database exactly as it was (the audit log of failed sign-ins aside).
import { createHash } from "node:crypto";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { formFields, fieldErrorsOf } from "@/lib/actions/form-state";
import { setStudentActive } from "@/lib/admin/students";
import { listAuditEvents, parseAuditFilters } from "@/lib/audit/queries";
import { inspectInvite, redeemInvite } from "@/lib/auth/invites";
import { authenticate } from "@/lib/auth/login";
import { changePassword } from "@/lib/auth/password-change";
import { changePasswordSchema } from "@/lib/auth/schemas";
import { passwordProblem } from "@/lib/auth/password-policy";
import { emailField, loginSchema, nameField, newPasswordSchema } from "@/lib/auth/schemas";
import { decodeSessionToken } from "@/lib/auth/session-cookie";
import { clientIpFromHeaders } from "@/lib/security/client-ip";
import { checkSameOrigin } from "@/lib/security/csrf";
import { guardRequest, routeLabel } from "@/lib/security/proxy-guard";
import { resetRateLimits } from "@/lib/security/rate-limit";
import { createActiveUser } from "../helpers/fixtures";
import { tableNames, type TestDb, useTestDb } from "../helpers/test-db";

const hostile = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 120 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "",
    "\u0000",
    "\u202e",
    "../../../etc/passwd",
    "%2e%2e%2f",
    "<script>alert(1)</script>",
    "' OR '1'='1",
    "\r\nX: y",
    "null",
    "[]",
    "{}",
    "NaN",
    "1e309",
    "\ud800",
    "🙂".repeat(3000),
    "a".repeat(70_000),
    "admin@localhost.localdomain",
  ),
);
const anything = fc.oneof(
  hostile,
  fc.anything(),
  fc.integer(),
  fc.constant(undefined),
  fc.array(hostile, { maxLength: 3 }),
);

async function fingerprint(t: TestDb): Promise<string> {
  const tables = (await tableNames(t)).filter((name) => name !== "event_log");
  const hash = createHash("sha256");
  for (const table of tables)
    hash.update(table).update(
      // Every column, in order: a table keyed by two columns (AnnouncementDismissal) has no "id".
      JSON.stringify(await t.db.$queryRawUnsafe(`SELECT * FROM "${table}" ORDER BY 1, 2`), (_k, v: unknown) =>
        typeof v === "bigint" ? String(v) : v,
      ),
    );
  return hash.digest("hex");
}

function everyIssueHasAMessage(error: z.ZodError): boolean {
  return error.issues.length > 0 && error.issues.every((i) => typeof i.message === "string" && i.message.length > 0);
}

describe("hostile input at scale", () => {
  const t = useTestDb();
  let admin: Awaited<ReturnType<typeof createActiveUser>>;
  let student: Awaited<ReturnType<typeof createActiveUser>>;
  beforeAll(async () => {
    admin = await createActiveUser("admin");
    student = await createActiveUser();
    await resetRateLimits();
  });

  it("form reading and every action schema refuse bad input with messages, never by throwing", () => {
    const schemas: z.ZodObject[] = [
      loginSchema,
      newPasswordSchema.safeExtend({ token: z.string().max(200) }) as unknown as z.ZodObject,
      changePasswordSchema as unknown as z.ZodObject,
      z.object({ email: emailField, name: nameField }),
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom("email", "password", "confirm", "current", "name", "token", "x", "$ACTION_ID"),
            fc.oneof(hostile, fc.constant(new Blob(["\u0000binary"]))),
          ),
          { maxLength: 8 },
        ),
        (entries) => {
          const form = new FormData();
          for (const [k, v] of entries) form.append(k, v);
          for (const schema of schemas) {
            const raw = formFields(form, ["email", "password", "confirm", "current", "name", "token"]);
            expect(Object.values(raw).every((v) => typeof v === "string")).toBe(true);
            const parsed = schema.safeParse(raw);
            if (!parsed.success) {
              expect(everyIssueHasAMessage(parsed.error)).toBe(true);
              expect(
                Object.values(fieldErrorsOf(parsed.error)).every((m) => typeof m === "string" && m.length > 0),
              ).toBe(true);
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
    // Wrong types straight into the schemas (what a hand-made request could carry).
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("email", "password", "confirm", "current", "name", "token"), anything),
        (value) => {
          for (const schema of schemas) {
            const parsed = schema.safeParse(value);
            if (!parsed.success) expect(everyIssueHasAMessage(parsed.error)).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("security checks and token decoding never throw", async () => {
    fc.assert(
      fc.property(
        fc.constantFrom("POST", "GET", "DELETE", "PUT", "PATCH", "post"),
        fc.dictionary(
          fc.constantFrom(
            "origin",
            "host",
            "sec-fetch-site",
            "x-forwarded-for",
            "x-forwarded-host",
            "x-miniportal-peer",
            "x-miniportal-peer-proof",
          ),
          hostile,
        ),
        (method, raw) => {
          const headers = { get: (name: string) => raw[name] ?? null };
          const verdict = checkSameOrigin(method, headers);
          expect(typeof verdict.ok).toBe("boolean");
          expect(typeof clientIpFromHeaders(headers, 0)).toBe("string");
          expect(typeof clientIpFromHeaders(headers, 2)).toBe("string");
          expect(typeof routeLabel(`/${raw.origin ?? ""}`)).toBe("string");
          const problem = passwordProblem(raw.host ?? "", { email: raw.origin, name: raw["sec-fetch-site"] });
          expect(problem === null || problem.length > 0).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (token) => {
        expect(await decodeSessionToken(token)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it("proxy.ts's gate answers hostile unsafe requests with nothing, 400, 403 or 429, never an exception", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/login", "/invite/abc", "/admin/students", "/phase/01/notes"),
        hostile,
        hostile,
        fc.constantFrom("application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", ""),
        async (path, origin, body, type) => {
          const headers: Record<string, string> = {
            host: "127.0.0.1:3000",
            "content-type": type,
            "content-length": String(Buffer.byteLength(body)),
          };
          if (origin.length < 200 && /^[\x21-\x7e]*$/.test(origin)) headers.origin = origin;
          const request = new NextRequest(`http://127.0.0.1:3000${path}`, { method: "POST", body, headers });
          const response = await guardRequest(request, "fuzz");
          if (response) {
            // 400: a multipart post Next would treat as a no-JS form action but cannot parse (it would answer 500).
            expect([400, 403, 429]).toContain(response.status);
            expect((await response.text()).length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("invite redemption, admin writes, the audit query and password change refuse hostile input and change nothing", async () => {
    const before = await fingerprint(t);
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (token, password) => {
        expect((await inspectInvite(token)).kind).toBe("invalid");
        const result = await redeemInvite({ token, password });
        expect(result).toEqual({ ok: false, kind: "invalid" });
        await expect(setStudentActive(admin.user, token, false, null)).rejects.toMatchObject({ kind: "not_found" });
        const { filters, problems } = parseAuditFilters({
          action: token,
          actor: password,
          target: token,
          from: password,
          to: token,
          page: password,
        });
        expect(problems.every((p) => p.length > 0)).toBe(true);
        await listAuditEvents(admin.user, filters);
      }),
      { numRuns: 400 },
    );
    // Argon2 work per run: fewer runs, still hostile.
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (current, next) => {
        const parsed = changePasswordSchema.safeParse({ current, password: next, confirm: next });
        if (!parsed.success) return;
        const result = await changePassword({ ...student.user, sessionId: "s" }, parsed.data);
        expect(result.ok).toBe(false);
        // After five wrong current passwords the account's password check is rate limited.
        if (!result.ok)
          expect("limited" in result ? result.limited.retryAfterSeconds : result.problem.key.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
    expect(await fingerprint(t)).toBe(before);
  });

  it("sign-in with hostile credentials fails cleanly; only the audit log grows", async () => {
    const before = await fingerprint(t);
    const events = await t.db.eventLog.count();
    let attempts = 0;
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (email, password) => {
        const parsed = loginSchema.safeParse({ email, password });
        if (!parsed.success) return;
        attempts++;
        expect((await authenticate(parsed.data)).ok).toBe(false);
      }),
      { numRuns: 80 },
    );
    // Straight into lib/ too, bypassing the schema.
    for (const email of ["\u0000", "a".repeat(10_000), "' OR 1=1 --", student.email.toUpperCase() + "\u0000"]) {
      attempts++;
      expect((await authenticate({ email, password: "x" })).ok).toBe(false);
    }
    expect(await fingerprint(t)).toBe(before);
    expect(await t.db.eventLog.count()).toBe(events + attempts);
  });
});
