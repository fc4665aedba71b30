"use client";

import { useState, type ReactNode } from "react";
import { buttonClass, secondaryButtonClass } from "@/app/_components/ui/button-link";
import { inputClass } from "@/app/_components/ui/field";

/**
 * The form that creates a credential — an API token, a webhook and its signing secret, a sign-off link, an invite
 * link: its fields, the submit button and the action's error beside them.
 */
export function CreateForm(props: {
  action: (formData: FormData) => void;
  pending: boolean;
  error: string | null;
  testId: string;
  submit: { label: string; testId: string };
  /** How the fields line up with the button (labels above inputs: end). */
  align?: "end" | "center";
  children: ReactNode;
}) {
  return (
    <form
      action={props.action}
      className={`flex flex-wrap ${props.align === "center" ? "items-center" : "items-end"} gap-2`}
      data-testid={props.testId}
    >
      {props.children}
      <button className={buttonClass} disabled={props.pending} data-testid={props.submit.testId}>
        {props.submit.label}
      </button>
      {props.error && (
        <span className="text-sm text-red-700" role="alert">
          {props.error}
        </span>
      )}
    </form>
  );
}

/**
 * A secret shown once after it was created (only its hash, or the receiver, keeps it), with what it is above it
 * (`children`) and, when `copy` is given, a copy button.
 */
export function ShownOnce(props: {
  value: string;
  label: string;
  testId: string;
  valueTestId: string;
  copy?: { testId?: string };
  children: ReactNode;
}) {
  const [copied, setCopied] = useState(false);
  const field = (
    <input
      readOnly
      value={props.value}
      className={`${inputClass} font-mono`}
      data-testid={props.valueTestId}
      aria-label={props.label}
    />
  );
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid={props.testId}>
      {props.children}
      {props.copy ? (
        <div className="flex gap-2">
          {field}
          <button
            type="button"
            className={secondaryButtonClass}
            data-testid={props.copy.testId}
            onClick={() =>
              navigator.clipboard?.writeText(props.value).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? "Copied" : "Copy"}
          </button>
        </div>
      ) : (
        field
      )}
    </div>
  );
}
