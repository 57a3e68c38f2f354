// A loopback SMTP server per e2e slot (smtp-server, the same package as the
// integration peer): the slot's portal emails invites and reset links to it, and
// specs read what arrived from the slot's mail file (one JSON line per message).
// It requires the planted password, so a portal that leaked it elsewhere is caught
// by the privacy check, and one that sent without it would be refused.
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type E2EMail = { messageId: string; to: string[]; subject: string; text: string; html: string; at: number };

export async function startSmtpReceiver(options: { port: number; file: string; user: string; pass: string }) {
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.pass) callback(null, { user: auth.username });
      else callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const record: E2EMail = {
            messageId: mail.messageId ?? "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            at: Date.now(),
          };
          appendFileSync(options.file, JSON.stringify(record) + "\n");
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port, "127.0.0.1", resolve));
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export function mailIn(file: string): E2EMail[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as E2EMail);
}
