import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/next-auth-options";
import { assertSameOrigin } from "@/lib/security/request-guards";

function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  // proxy.ts refuses cross-site posts first; the handler checks again.
  const refused = assertSameOrigin(request);
  if (refused) return refused;
  return NextAuth(authOptions())(request, context);
}

export { handler as GET, handler as POST };
