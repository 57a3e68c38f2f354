// ~210 hostile raw requests that spend no budget: malformed path encodings on every
// dynamic route, next-auth's endpoints, server-action posts with made-up and
// malformed ids and bodies. Every answer must be < 500 (and come at all).
import type { Client } from "./http";
import { type Outcome, outcome } from "./report";

export async function hostileRequests(client: Client): Promise<Outcome> {
  const origin = client.base.origin;
  const failures: string[] = [];
  let sent = 0;
  const probe = async (label: string, method: string, p: string, headers: Record<string, string> = {}, body = "") => {
    sent++;
    const r = await client.send({ method, path: p, headers: { origin, ...headers }, body });
    if (r.status >= 500 || r.status === 0) failures.push(`${label}: ${r.status || `no answer (${r.error})`}`);
  };
  for (const bad of ["%ff", "%c0%af", "%ed%a0%80", "%", "%zz", "%00", "%f0%9f%99"]) {
    for (const template of [
      "/invite/X",
      "/unsubscribe/X",
      "/unsubscribe/X/one-click",
      "/phase/X/notes",
      "/phase/X",
      "/admin/students/X",
      "/X",
      "/api/auth/X",
    ]) {
      const p = template.replace("X", bad);
      await probe(`GET ${p}`, "GET", p);
      await probe(`POST ${p}`, "POST", p, { "content-type": "text/plain" }, "x");
    }
  }
  await probe("providers callbackUrl", "GET", "/api/auth/providers?callbackUrl=http://x:99999");
  // Made-up and hostile ids; ./payload-shapes.ts posts the real ones.
  const bodies: [string, string][] = [
    ["text/plain", "not json"],
    ["text/plain", "[".repeat(50_000)],
    ["text/plain", '{"a":1}'],
    ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="0"\r\n\r\n{"a":1}\r\n--x--\r\n'],
    ["multipart/form-data", "--x"],
    ["application/x-www-form-urlencoded", "a=b"],
  ];
  for (const id of ["7f" + "0".repeat(40), "x", "../../etc/passwd", "%ff"]) {
    for (const [type, body] of bodies) {
      for (const p of ["/login", "/me", "/invite/abc", "/phase/01/notes"])
        await probe(
          `action ${id.slice(0, 8)} ${type} ${p}`,
          "POST",
          p,
          { "next-action": id, "content-type": type },
          body,
        );
    }
  }
  return outcome("hostile requests", null, `${sent} sent, ${failures.length} answered 5xx or not at all`, failures);
}
