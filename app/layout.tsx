import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Attain", template: "%s – Attain" },
  description: "End-point assessment, certification and lead provider management.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body className="min-h-screen bg-[#f3f2f1] text-[#0b0c0c]">{children}</body>
    </html>
  );
}
