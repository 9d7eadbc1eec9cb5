import type { ReactNode } from "react";
import { Button, type ButtonProps } from "@/components/ui";

/** A form's submit button: disabled while the action runs, with `pendingText` (e.g. "Saving…") meanwhile. */
export function SubmitButton({
  pending,
  pendingText,
  disabled,
  children,
  ...props
}: Omit<ButtonProps, "type"> & { pending: boolean; pendingText?: ReactNode }) {
  return (
    <Button type="submit" disabled={pending || disabled} {...props}>
      {pending && pendingText ? pendingText : children}
    </Button>
  );
}
