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
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
