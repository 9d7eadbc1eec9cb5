/** Reading request bodies without trusting their size. */

/** A request body larger than the route accepts. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/** A BodyTooLargeError when the request's Content-Length says its body is over `limit`, before any of it is read. */
export function refuseDeclaredOverLimit(request: Request, limit: number): void {
  if (Number(request.headers.get("content-length")) > limit) throw new BodyTooLargeError(limit);
}

/**
 * The request's body, never holding more than `limit` bytes of it: a Content-Length over the limit is refused
 * before anything is read, and a body without one (chunked) is counted as it streams in and cancelled as soon as it
 * passes the limit. Either way a BodyTooLargeError; a body-less request is an empty array.
 */
export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array> {
  refuseDeclaredOverLimit(request, limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** "1 MB", "512 KB", "100 bytes": a limit as people read it (1 MB = 1,048,576 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes.toLocaleString("en-GB")} bytes`;
}
