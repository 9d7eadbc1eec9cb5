import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientIp, servedOverHttps } from "@/lib/http/client-ip";
import { isRole } from "@/lib/domain";
import { signOutEverywhereFromToken } from "./session-version";
import { SignInError, verifySignIn, type SignedIn } from "./sign-in";

/** The user next-auth puts in the token at sign-in (the jwt callback reads it), from a verified sign-in. */
export function sessionUserOf(signedIn: SignedIn) {
  return {
    id: signedIn.userId,
    name: signedIn.name,
    email: signedIn.email,
    role: signedIn.role,
    organisationId: signedIn.organisationId,
    sessionVersion: signedIn.sessionVersion,
  };
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function authSecret(): string | undefined {
  const secret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (!secret && process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build") {
    throw new Error("AUTH_SECRET is not set. Set AUTH_SECRET (a long random string) or start the portal with `npm start`.");
  }
  return secret;
}

/**
 * next-auth's options for one request. `secureCookies` (from servedOverHttps: NEXTAUTH_URL is https, or a trusted
 * proxy says the client used https) gives the session cookie the Secure flag and its `__Secure-` name; reading and
 * writing the session both use the request's value, so they agree.
 */
export function authOptionsFor({ secureCookies }: { secureCookies: boolean }): NextAuthOptions {
  return {
    secret: authSecret(),
    useSecureCookies: secureCookies,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email address", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const password = typeof credentials?.password === "string" ? credentials.password : "";
          if (!email || !password) throw new Error("Enter your email address and password.");
          try {
            const signedIn = await verifySignIn(email, password, clientIp(req?.headers as Record<string, unknown> | undefined));
            return sessionUserOf(signedIn);
          } catch (error) {
            if (error instanceof SignInError) throw new Error(error.message);
            // Never show internal details on the sign-in page.
            console.error("Sign-in failed unexpectedly", error);
            throw new Error("Sign-in is not available right now. Try again in a few minutes.");
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.role = user.role;
          token.organisationId = user.organisationId;
          // The version the token is issued at: getActor() refuses it once the user's version moves on.
          token.sessionVersion = user.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub && isRole(token.role) && typeof token.organisationId === "string" && typeof token.sessionVersion === "number") {
          session.user = { ...session.user, id: token.sub, role: token.role, organisationId: token.organisationId, sessionVersion: token.sessionVersion };
        }
        return session;
      },
    },
    events: {
      // The sign-out button posts to next-auth's signout endpoint, which runs this before clearing the cookie: the
      // token stops working everywhere, not only in this browser.
      async signOut({ token }) {
        await signOutEverywhereFromToken(token);
      },
    },
  };
}

/** The options for a request with these headers (route handlers, server components). */
export function authOptionsForRequest(headers: Headers | Record<string, unknown>): NextAuthOptions {
  return authOptionsFor({ secureCookies: servedOverHttps(headers) });
}
