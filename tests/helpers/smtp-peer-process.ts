// A real SMTP server on loopback for the mail tests, in its own process so a test
// can stop it (a mail server down), start it again, or make it slow. Every message
// it accepts is parsed and appended to OUT as one JSON line. Settings by env:
// PORT, OUT, REJECT (comma-separated addresses answered 550 at RCPT TO),
// DELAY_MS (wait before accepting each message's data), AUTH ("user:pass" required).
import { appendFileSync } from "node:fs";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const port = Number(process.env.PORT);
const out = process.env.OUT!;
const reject = new Set((process.env.REJECT ?? "").split(",").filter(Boolean));
const delayMs = Number(process.env.DELAY_MS ?? 0);
const [authUser, authPass] = (process.env.AUTH ?? "").split(":");

const server = new SMTPServer({
  secure: false,
  disabledCommands: authUser ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
  allowInsecureAuth: true,
  authOptional: !authUser,
  logger: false,
  onAuth(auth, _session, callback) {
    if (auth.username === authUser && auth.password === authPass) callback(null, { user: auth.username });
    else callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
  },
  onRcptTo(address, _session, callback) {
    if (reject.has(address.address.toLowerCase()))
      return callback(
        Object.assign(new Error("5.1.1 Recipient address rejected: no such user"), { responseCode: 550 }),
      );
    callback();
  },
  onData(stream, session, callback) {
    simpleParser(stream)
      .then(async (mail) => {
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
        // The header lines as sent (mailparser turns List-* headers into objects), unfolded.
        const headers = Object.fromEntries(
          mail.headerLines.map((h) => [
            h.key,
            h.line
              .slice(h.line.indexOf(":") + 1)
              .replace(/\r?\n\s+/g, " ")
              .trim(),
          ]),
        );
        appendFileSync(
          out,
          JSON.stringify({
            messageId: mail.messageId,
            from: session.envelope.mailFrom && session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject,
            text: mail.text,
            html: typeof mail.html === "string" ? mail.html : "",
            headers,
            at: Date.now(),
          }) + "\n",
        );
        callback();
      })
      .catch((error: Error) => callback(error));
  },
});

// A client that vanishes mid-session (the portal killed with SIGKILL) resets its socket; a
// mail server keeps serving the others. Unhandled, that error killed this peer in one CI run.
server.on("error", (error: NodeJS.ErrnoException) =>
  console.error(`smtp peer: connection error ${error.code ?? error.message}`),
);
server.listen(port, "127.0.0.1", () => console.log(`smtp peer listening on ${port}`));
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => server.close(() => process.exit(0)));
