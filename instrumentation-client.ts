import { z } from "zod";

/**
 * Next runs this in the browser before the app hydrates. The page policy has no 'unsafe-eval'
 * (lib/http/security-headers.ts), and zod 4 probes whether it may compile parsers with `new Function`; the probe is
 * caught, but the browser still reports a Content-Security-Policy violation. jitless parses without compiling.
 */
z.config({ jitless: true });
