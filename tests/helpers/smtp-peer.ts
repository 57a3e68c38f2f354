// Starts tests/helpers/smtp-peer-process.ts: a real SMTP server on a loopback
// port, and what it received, read back from its file (kept across restarts).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../ops/prometheus-local";
import { waitUntil } from "./wait";

export type ReceivedMail = {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  at: number;
};

export type SmtpPeerOptions = { reject?: string[]; delayMs?: number; auth?: string };

export type SmtpPeer = {
  port: number;
  url: string;
  received: () => ReceivedMail[];
  waitForCount: (n: number, timeoutMs?: number) => Promise<ReceivedMail[]>;
  stop: () => Promise<void>;
  start: () => Promise<void>;
};

const root = path.resolve(import.meta.dirname, "../..");

export async function startSmtpPeer(options: SmtpPeerOptions = {}): Promise<SmtpPeer> {
  const port = await freePort();
  const out = path.join(mkdtempSync(path.join(tmpdir(), "smtp-peer-")), "received.jsonl");
  let child: ChildProcess | null = null;
  const received = () =>
    existsSync(out)
      ? readFileSync(out, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l) as ReceivedMail)
      : [];
  const start = async () => {
    const proc = spawn(process.execPath, ["--import", "tsx", path.join(root, "tests/helpers/smtp-peer-process.ts")], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        OUT: out,
        REJECT: (options.reject ?? []).join(","),
        DELAY_MS: String(options.delayMs ?? 0),
        AUTH: options.auth ?? "",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    child = proc;
    await new Promise<void>((resolve, reject) => {
      proc.stdout!.on("data", (d: Buffer) => d.toString().includes("listening") && resolve());
      proc.once("exit", (code) => reject(new Error(`the SMTP peer exited (${code}) before listening`)));
    });
  };
  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const gone = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGKILL"); // a mail server that disappears, not one that says goodbye
    await gone;
  };
  await start();
  const auth = options.auth ? `${options.auth.split(":").map(encodeURIComponent).join(":")}@` : "";
  return {
    port,
    url: `smtp://${auth}127.0.0.1:${port}`,
    received,
    async waitForCount(n, timeoutMs = 20_000) {
      await waitUntil(`${n} messages at the SMTP peer`, () => received().length >= n, { timeoutMs, intervalMs: 50 });
      return received();
    },
    stop,
    start,
  };
}
