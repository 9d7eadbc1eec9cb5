/**
 * Browser features the portal never uses, switched off for every response and anything it might embed.
 * (The per-request headers, Content-Security-Policy with its nonce and HSTS, are set by proxy.ts via
 * lib/http/security-headers.ts.)
 */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "publickey-credentials-get=()",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
].join(", ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Services read the database through postgres-js; keep these as Node externals.
  serverExternalPackages: ["postgres", "bcryptjs"],
  // The app's own files only; `npm run typecheck` checks tests, scripts and benchmarks too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  experimental: {
    // forbidden() renders app/forbidden.tsx with a real 403 status.
    authInterrupts: true,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          // Consistent with the page policy's frame-ancestors 'none' (for browsers that only know this header).
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
        ],
      },
    ];
  },
};

export default nextConfig;
