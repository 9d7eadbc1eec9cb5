import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { isRole } from "./roles";
import { SignInError, verifySignIn } from "./sign-in";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function authSecret(): string | undefined {
  const secret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (!secret && process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build") {
    throw new Error("AUTH_SECRET is not set. Set AUTH_SECRET (a long random string) or start the portal with `npm start`.");
  }
  return secret;
}

function clientIp(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "unknown";
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
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
          const actor = await verifySignIn(email, password, clientIp(req?.headers as Record<string, unknown> | undefined));
          return { id: actor.userId, name: actor.name, email: actor.email, role: actor.role, organisationId: actor.organisationId };
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
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub && isRole(token.role) && typeof token.organisationId === "string") {
        session.user = { ...session.user, id: token.sub, role: token.role, organisationId: token.organisationId };
      }
      return session;
    },
  },
};
