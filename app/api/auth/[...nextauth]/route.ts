import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/next-auth-options";
import { assertSameOrigin } from "@/lib/security/request-guards";

function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  // proxy.ts refuses cross-site posts first; the handler checks again.
  const refused = assertSameOrigin(request);
  if (refused) return refused;
  // next-auth answers a GET of the credentials callback with a 500; it is simply the wrong method.
  if (request.method !== "POST" && new URL(request.url).pathname.endsWith("/callback/credentials")) {
    return Response.json({ error: "method_not_allowed", message: "Sign in with a POST of the sign-in form." }, { status: 405, headers: { allow: "POST" } });
  }
  return NextAuth(authOptions())(request, context);
}

export { handler as GET, handler as POST };
