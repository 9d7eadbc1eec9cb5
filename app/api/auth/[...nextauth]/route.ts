import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptionsForRequest } from "@/lib/session";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options per request: the session cookie is Secure (and __Secure- named) when the request came over https.
function handler(request: NextRequest, context: Context) {
  return NextAuth(request, context, authOptionsForRequest(request.headers));
}
export { handler as GET, handler as POST };
