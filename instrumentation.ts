/** Next runs this once when the server starts: the Node.js server also runs the job worker (lib/jobs). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.ATTAIN_JOBS === "off") return;
  const { startWorker } = await import("./lib/jobs/worker");
  startWorker();
}
