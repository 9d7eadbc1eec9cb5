import type { Role } from "@/lib/domain";

declare module "next-auth" {
  interface User {
    role: Role;
    organisationId: string;
    /** users.session_version when the session was issued. */
    sessionVersion: number;
  }
  interface Session {
    user: { id: string; role: Role; organisationId: string; sessionVersion: number; name?: string | null; email?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    organisationId?: string;
    sessionVersion?: number;
  }
}
