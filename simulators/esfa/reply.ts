/** An answer before it is written to the socket (server.ts `send`), and the bodies ESFA and APIM answer with. */

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const json = (status: number, body?: unknown, headers?: Record<string, string>): Reply => ({ status, body, headers });

/** The gateway's and the API's error body: `{ "statusCode": 403, "message": "Batch limited to 25 requests" }`. */
export const apiError = (status: number, message: string, headers?: Record<string, string>): Reply => json(status, { statusCode: status, message }, headers);

/** ASP.NET [ApiController]'s automatic 400 for a body or route value that cannot be bound. */
export function bindingProblem(errors: Record<string, string[]>): Reply {
  return json(400, {
    errors,
    type: "https://tools.ietf.org/html/rfc7231#section-6.5.1",
    title: "One or more validation errors occurred.",
    status: 400,
  });
}
