"use client";

import type { ComponentProps } from "react";
import { useFormStatus } from "react-dom";

/** A submit button disabled while its form's action is in flight, so a double click sends one request. */
export function PendingButton({
  children,
  pendingText,
  ...props
}: ComponentProps<"button"> & { pendingText?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending || props.disabled} aria-disabled={pending || undefined} {...props}>
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
