import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors";

/**
 * The entry kit for server-rendered pages: a service's answer, or the 404 page when it reports not found (another
 * organisation's or lead provider's record is never revealed). Other errors go on to the error page.
 *
 *     const detail = await or404(getApprentice(actor, id));
 */
export async function or404<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
