import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors";

/** The service's answer, or the 404 page when it reports not found (a record the actor may not see is never revealed). */
export async function or404<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
