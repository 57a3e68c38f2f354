// A client-chosen X-Request-Id is echoed in the response, written into log lines
// and audit rows and shown to admins: the portal keeps it only as a bounded token
// (8–64 of [A-Za-z0-9._:-]) and mints its own otherwise. Cheap: GETs and a
// cross-site POST the CSRF check refuses.
import { type Client, header } from "./http";
import { type Outcome, outcome } from "./report";

const KEPT = /^[A-Za-z0-9._:-]{8,64}$/;

const HOSTILE: [label: string, id: string][] = [
  ["markup", "<script>x</script>"],
  ["500 characters", "a".repeat(500)],
  ["100 characters (the portal keeps 64 at most)", "b".repeat(100)],
  ["spaces and a comma", "id with spaces, and a comma"],
  ["log-forging text", 'x" level=error msg="forged'],
];

export async function requestIds(client: Client): Promise<Outcome> {
  const failures: string[] = [];
  let sent = 0;
  for (const [label, id] of HOSTILE) {
    for (const [method, path, headers] of [
      ["GET", "/login", {}],
      ["GET", "/health", {}],
      ["POST", "/login", { origin: "http://evil.example", "content-type": "text/plain" }],
    ] as const) {
      sent++;
      const reply = await client.send({
        method,
        path,
        headers: { ...headers, "x-request-id": id },
        body: method === "POST" ? "x" : "",
      });
      const echoed = header(reply, "x-request-id");
      if (reply.status >= 500 || reply.status === 0)
        failures.push(`${label}, ${method} ${path}: ${reply.status || "no answer"}`);
      else if (echoed === id) failures.push(`${label}, ${method} ${path}: echoed in x-request-id`);
      else if (echoed !== null && !KEPT.test(echoed))
        failures.push(
          `${label}, ${method} ${path}: answered x-request-id "${echoed.slice(0, 40)}…", not a bounded token`,
        );
    }
  }
  return outcome("hostile X-Request-Id", null, `${sent} requests, ${failures.length} echoed or failed`, failures);
}
