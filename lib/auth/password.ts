import "server-only";
import bcrypt from "bcryptjs";

const COST = 11;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** Compared against when the email is unknown, so a wrong email costs the same time as a wrong password. */
export const DUMMY_HASH = "$2b$11$C6UzMDM.H6dfI/f/IKcEeO5wUsW7Ykbk0bq9ORKZ9.bKHJwp8fdGS";
