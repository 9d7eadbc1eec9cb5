import type { ReactNode } from "react";
import { Button, ButtonGroup, ButtonLink, type ButtonProps } from "@/components/ui";

export type SubmitButtonProps = Omit<ButtonProps, "type"> & { pending: boolean; pendingText?: ReactNode };

/** A form's submit button: disabled while the action runs, with `pendingText` (e.g. "Saving…") meanwhile. */
export function SubmitButton({ pending, pendingText, disabled, children, ...props }: SubmitButtonProps) {
  return (
    <Button type="submit" disabled={pending || disabled} {...props}>
      {pending && pendingText ? pendingText : children}
    </Button>
  );
}

/** The submit button and a "Cancel" link back to `cancelHref`. */
export function SubmitOrCancel({ cancelHref, ...submit }: SubmitButtonProps & { cancelHref: string }) {
  return (
    <ButtonGroup>
      <SubmitButton {...submit} />
      <ButtonLink href={cancelHref} variant="secondary">
        Cancel
      </ButtonLink>
    </ButtonGroup>
  );
}
