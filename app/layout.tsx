import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

// The CSP nonce is per request (proxy.ts): a page prerendered at build time
// would carry no nonce and its scripts would be blocked, so render every page
// (including 404s) on demand.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Cutover", template: "%s · Cutover" },
  description: "Validate a domain transfer before it happens.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl items-center justify-between px-6 py-3">
            <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900" data-testid="home-link">
              Cutover
            </Link>
            <span className="text-sm text-slate-500">move a domain without breaking it</span>
          </div>
        </header>
        <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
      </body>
    </html>
  );
}
