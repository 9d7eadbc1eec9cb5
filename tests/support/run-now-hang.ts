/**
 * A process that starts a run-now whose handler never finishes, for lib/jobs/workers.test.ts to kill with SIGKILL
 * mid-run. Prints RUNNING once the job is held. JOB_KIND names the job kind; DATABASE_URL the database.
 */
import { runNow } from "../../lib/jobs/queue";

await runNow(
  {
    kind: process.env.JOB_KIND!,
    title: "hangs",
    handler: () =>
      new Promise(() => {
        console.log("RUNNING");
      }),
  },
  { requestedBy: "test" },
);
