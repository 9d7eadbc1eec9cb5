/**
 * What `npm start` adds to the server's environment for the kind of database it runs on. The demo on the embedded
 * database is a sandbox (the Lead Provider API honours the test-only X-With-Server-Date header) unless
 * ATTAIN_ENVIRONMENT says otherwise; a deployment on DATABASE_URL is not one unless it sets ATTAIN_ENVIRONMENT=sandbox.
 */
export function demoEnvironment(embedded: boolean, env: Record<string, string | undefined> = process.env): { ATTAIN_ENVIRONMENT?: string } {
  return embedded && !env.ATTAIN_ENVIRONMENT ? { ATTAIN_ENVIRONMENT: "sandbox" } : {};
}
