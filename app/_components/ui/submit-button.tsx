"use client";

import { useFormStatus } from "react-dom";
import type { ComponentProps, ReactNode } from "react";
import { buttonClass } from "./button-link";

/**
 * The submit button of every state-changing form: disabled while its form's
 * action is pending, so a double click sends one request (the use case is
 * idempotent as well; COMMON rules: "every state change survives a double click").
 */
export function SubmitButton({
  children,
  pendingText,
  className,
  disabled,
  ...props
}: Omit<ComponentProps<"button">, "type"> & { pendingText?: ReactNode }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      className={className ?? buttonClass}
      disabled={pending || disabled}
      aria-disabled={pending || disabled}
      {...props}
    >
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
