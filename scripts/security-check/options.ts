// Command line and credentials. Credentials never come from the command line:
// npm echoes the whole command ("> tsx scripts/security-check.ts --url … --cookie …")
// and every local user can read a process's arguments. They come from the
// environment or from a file, and are registered with redact() at once.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { addSecret } from "./report";

export type Student = { email: string; password: string };

export type Options = {
  base: URL;
  /** The Cookie header value for a signed-in browser ("miniportal.session=…"), or null. */
  cookie: string | null;
  cookieFrom: string | null;
  student: Student | null;
  studentFrom: string | null;
  budgetSeconds: number;
  skipScanners: boolean;
  /** Every probe but the external scanners (sqlmap, wapiti): what the test suite runs. */
  skipTools: boolean;
  appDir: string;
};

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]|localhost)$/;

function refuse(message: string): never {
  console.error(message);
  process.exit(2);
}

function fromFile(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    return refuse(`Cannot read the ${what} file ${file}: ${(error as NodeJS.ErrnoException).code ?? "error"}.`);
  }
}

/** "miniportal.session=…; other=…", or a bare value taken as the session cookie's. */
function cookieHeader(text: string, https: boolean): string {
  const header = text.includes("=") ? text : `${https ? "__Host-" : ""}miniportal.session=${text}`;
  for (const part of header.split(";")) {
    const value = part.slice(part.indexOf("=") + 1).trim();
    addSecret(value);
  }
  return header.replace(/^cookie:\s*/i, "");
}

function student(text: string): Student {
  const at = text.indexOf(":");
  if (at < 1) refuse('The student account must be given as "email:password".');
  const password = text.slice(at + 1);
  addSecret(password);
  return { email: text.slice(0, at).trim(), password };
}

const OPTIONS = {
  url: { type: "string" },
  // Declared only to refuse them with a useful message (see the file comment).
  cookie: { type: "string" },
  student: { type: "string" },
  "cookie-file": { type: "string" },
  "student-file": { type: "string" },
  "app-dir": { type: "string" },
  minutes: { type: "string", default: "4" },
  "skip-scanners": { type: "boolean", default: false },
  "skip-tools": { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

const USAGE =
  "Usage: npm run security:check -- --url http://127.0.0.1:3000 [--minutes 4] [--skip-scanners | --skip-tools]\n" +
  "         [--app-dir .] [--cookie-file <path>] [--student-file <path>]\n" +
  "The session cookie and a student's email:password come from SECURITY_CHECK_COOKIE and SECURITY_CHECK_STUDENT\n" +
  'or the two files (docs/security.md, "Security check").';

function parsedArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS });
  } catch (error) {
    return refuse(`${(error as Error).message}\n${USAGE}`); // an unknown or malformed option: say what is accepted
  }
}

export function parseOptions(argv: string[] = process.argv.slice(2)): Options {
  const { values } = parsedArgs(argv);
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.cookie !== undefined || values.student !== undefined)
    refuse(
      "--cookie and --student are refused: npm prints the whole command line (and any local user can read it).\n" +
        "Set SECURITY_CHECK_COOKIE='miniportal.session=…' and SECURITY_CHECK_STUDENT='email:password' in the\n" +
        "environment, or pass --cookie-file <path> / --student-file <path> (one line each, mode 0600).\n" +
        "Run through npm, the value is already printed above: sign that session out (Sign out on /account).",
    );
  const base = new URL(values.url ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`);
  if (!LOOPBACK.test(base.hostname))
    refuse(`security-check only scans loopback addresses (127.0.0.0/8, ::1, localhost), not ${base.hostname}.`);
  if (base.protocol !== "http:" && base.protocol !== "https:") refuse(`Not an http(s) URL: ${base.href}`);
  const https = base.protocol === "https:";

  const cookieFile = values["cookie-file"];
  const cookieText = cookieFile ? fromFile(cookieFile, "cookie") : process.env.SECURITY_CHECK_COOKIE?.trim();
  const studentFile = values["student-file"];
  const studentText = studentFile ? fromFile(studentFile, "student") : process.env.SECURITY_CHECK_STUDENT;
  const minutes = Number(values.minutes);
  return {
    base,
    cookie: cookieText ? cookieHeader(cookieText, https) : null,
    cookieFrom: cookieText ? (cookieFile ? `--cookie-file ${cookieFile}` : "SECURITY_CHECK_COOKIE") : null,
    student: studentText ? student(studentText) : null,
    studentFrom: studentText ? (studentFile ? `--student-file ${studentFile}` : "SECURITY_CHECK_STUDENT") : null,
    budgetSeconds: Math.min(30, Math.max(1, Number.isFinite(minutes) ? minutes : 4)) * 60,
    skipScanners: values["skip-scanners"] ?? false,
    skipTools: values["skip-tools"] ?? false,
    appDir: values["app-dir"] ?? process.cwd(),
  };
}
