import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token", "next-auth.callback-url", "__Secure-next-auth.callback-url"];

/**
 * Ends a session the server no longer accepts (user disabled or removed, signed out elsewhere, password changed):
 * clears the cookie and returns to sign-in.
 */
export function GET(request: NextRequest) {
  const response = NextResponse.redirect(new URL("/login?reason=ended", request.url));
  for (const name of SESSION_COOKIES) {
    if (request.cookies.has(name)) response.cookies.set(name, "", { maxAge: 0, path: "/", secure: name.startsWith("__Secure-") });
  }
  return response;
}
