import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Attain", template: "%s – Attain" },
  description: "End-point assessment, certification and lead provider management.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, so Next can put this request's CSP nonce (proxy.ts) on its scripts; a page
  // prerendered at build time would carry scripts without it and be blocked.
  await connection();
  return (
    <html lang="en-GB">
      <body className="min-h-screen bg-govuk-light-grey text-govuk-black">{children}</body>
    </html>
  );
}
