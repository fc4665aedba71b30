import Link from "next/link";
import type { ReactNode } from "react";

/** The frame of an organisation settings page (API tokens, webhooks): the way back and the heading. */
export function SettingsPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/" className="underline">
          Transfers
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      {children}
    </div>
  );
}

/** A stored instant as settings pages show it: UTC, to the minute or to the second. */
export function utcText(d: Date | null, to: "minute" | "second" = "minute"): string | null {
  return d
    ? `${d
        .toISOString()
        .slice(0, to === "minute" ? 16 : 19)
        .replace("T", " ")} UTC`
    : null;
}
