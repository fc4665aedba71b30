import Link from "next/link";
import type { ComponentProps } from "react";

export const buttonClass =
  "inline-flex items-center gap-2 rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 disabled:cursor-not-allowed disabled:bg-slate-400";

export const secondaryButtonClass =
  "inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-100";

export function ButtonLink({ className, ...props }: ComponentProps<typeof Link>) {
  return <Link className={`${buttonClass} ${className ?? ""}`} {...props} />;
}
