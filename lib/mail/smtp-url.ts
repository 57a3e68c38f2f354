// MINIPORTAL_SMTP_URL → nodemailer transport options. Kept free of the URL's
// credentials in every message: a bad value is described, never echoed.

export type SmtpOptions = {
  host: string;
  port: number;
  /** smtps://: TLS from the first byte (port 465). */
  secure: boolean;
  /** ?tls=required: refuse to send unless the server upgrades with STARTTLS. */
  requireTLS: boolean;
  auth?: { user: string; pass: string };
};

/** What is wrong with the value, or null; the message names no part of the value. */
export function smtpUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be a URL such as smtp://user:pass@mail.example.org:587 or smtps://…:465";
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") return "must start with smtp:// or smtps://";
  if (!url.hostname) return "must name the mail server's host";
  if (url.pathname && url.pathname !== "/") return "must not have a path (only ?tls=required is understood)";
  for (const key of url.searchParams.keys())
    if (key !== "tls") return `has an unknown option ?${key.slice(0, 20)} (only ?tls=required is understood)`;
  const tls = url.searchParams.get("tls");
  if (tls !== null && tls !== "required") return "must say ?tls=required or leave the option out";
  if (url.username && !url.password) return "has a user but no password (smtp://user:pass@host)";
  return null;
}

export function smtpOptions(value: string): SmtpOptions {
  const problem = smtpUrlProblem(value);
  if (problem) throw new Error(`MINIPORTAL_SMTP_URL ${problem}`);
  const url = new URL(value);
  const secure = url.protocol === "smtps:";
  return {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: url.searchParams.get("tls") === "required",
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
  };
}

/** The server as it may be shown (ops page, logs): host and port, no credentials. */
export function describeSmtp(value: string): string {
  const o = smtpOptions(value);
  return `${o.secure ? "smtps" : "smtp"}://${o.host}:${o.port}${o.requireTLS ? " (TLS required)" : ""}`;
}
