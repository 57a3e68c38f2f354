// next-auth's own endpoints are not served. Sign-in, sign-out, their limits,
// audit rows and server-side revocation live in one path (the /login form and
// the sign-out actions); a second path through next-auth's handlers had its own
// rules (its sign-out left the server-side session valid). next-auth still
// provides the session cookie's encrypted JWT (lib/auth/session-cookie.ts).
function notServed(): Response {
  return Response.json(
    { error: "not_found", message: "Sign in and out on the portal's own pages: /login, and the Sign out button." },
    { status: 404, headers: { "cache-control": "no-store" } },
  );
}

export { notServed as GET, notServed as POST };
