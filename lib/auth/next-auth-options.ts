// next-auth (Credentials, JWT). The login form signs in through a server action
// (lib/auth/login.ts + session-cookie.ts); this provider is the same sign-in for
// clients of /api/auth. Both produce the same cookie and server-side session.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import "server-only";
import { env } from "../env";
import { clientIpFromHeaders } from "../security/client-ip";
import { loginGate, noteLoginFailure, noteLoginSuccess } from "../security/throttles";
import { authenticate } from "./login";
import { sessionCookieName, sessionCookieOptions } from "./session-cookie";
import { createSession, validateSession } from "./sessions";

export function authOptions(): NextAuthOptions {
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: env().MINIPORTAL_SESSION_MAX_HOURS * 3600 },
    pages: { signIn: "/login" },
    cookies: {
      sessionToken: { name: sessionCookieName(), options: { ...sessionCookieOptions(new Date()), expires: undefined } },
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          if (typeof credentials?.email !== "string" || typeof credentials.password !== "string") return null;
          if (credentials.email.length > 254 || credentials.password.length > 1024) return null;
          // Same limits as the login form (proxy.ts answers 429 before this runs).
          const raw = (req?.headers ?? {}) as Record<string, string | string[] | undefined>;
          const ip = clientIpFromHeaders({ get: (name) => [raw[name]].flat()[0] ?? null }, env().MINIPORTAL_TRUSTED_PROXIES);
          if (!(await loginGate(ip, credentials.email)).ok) return null;
          const result = await authenticate({ email: credentials.email, password: credentials.password });
          await (result.ok ? noteLoginSuccess(credentials.email) : noteLoginFailure(ip, credentials.email));
          return result.ok ? { id: result.userId, role: result.role, sv: result.sessionVersion } : null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const { sid } = await createSession(user.id);
          return { sub: user.id, sid, sv: (user as unknown as { sv: number }).sv };
        }
        return token;
      },
      async session({ session, token }) {
        const valid =
          typeof token.sub === "string" && typeof token.sid === "string" && typeof token.sv === "number"
            ? await validateSession({ sub: token.sub, sid: token.sid, sv: token.sv })
            : null;
        return { ...session, user: valid ? { name: valid.name, email: valid.email } : undefined };
      },
    },
  };
}
