/**
 * `npm run dfe:walkthrough -- --token <API token> [--base http://localhost:3000] [--server-date 2025-03-03T10:00:00Z] [--cohort 2024]`
 * Walks the DfE NPQ v3 guide against a running portal and prints every call. Create the token in the portal
 * (Lead provider admin → API tokens).
 */
import { walkthrough, type Send } from "../lib/dfe/walkthrough";

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ""), process.argv[i + 1] ?? "");
const base = args.get("base") ?? "http://localhost:3000";
const token = args.get("token") ?? process.env.ATTAIN_API_TOKEN;
if (!token) {
  console.error("Give an API token: npm run dfe:walkthrough -- --token <token> (create one in the portal under API tokens).");
  process.exit(1);
}

const send: Send = async (method, path, options = {}) => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: "application/json",
      ...(options.body ? { "Content-Type": "application/json" } : {}),
      ...(options.serverDate ? { "X-With-Server-Date": options.serverDate } : {}),
    },
    body: options.body ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: response.status, body };
};

try {
  await walkthrough(send, (line) => console.log(line), { serverDate: args.get("server-date"), cohort: args.get("cohort") });
} catch (error) {
  console.error(`\nThe walkthrough stopped: ${(error as Error).message}`);
  process.exit(1);
}
