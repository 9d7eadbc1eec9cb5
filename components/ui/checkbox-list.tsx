import type { ReactNode } from "react";
import { CheckboxField } from "./form-field";

export type CheckboxListOption = { value: string; label: ReactNode; hint?: ReactNode; id: string };

export type CheckboxListProps = {
  /** The name every box shares (optional). */
  name?: string;
  options: CheckboxListOption[];
  /** The ticked values. */
  value: readonly string[];
  /** The ticked values after a change; a newly ticked value goes last. */
  onChange: (next: string[]) => void;
  onBlur?: () => void;
  disabled?: boolean;
};

/** Controlled checkboxes, one a value (put them in a `Fieldset`); works with react-hook-form's `Controller`. */
export function CheckboxList({ name, options, value, onChange, onBlur, disabled }: CheckboxListProps) {
  return options.map((option) => (
    <CheckboxField
      key={option.value}
      id={option.id}
      name={name}
      value={option.value}
      label={option.label}
      hint={option.hint}
      checked={value.includes(option.value)}
      disabled={disabled}
      onBlur={onBlur}
      onChange={(event) => {
        const others = value.filter((v) => v !== option.value);
        onChange(event.currentTarget.checked ? [...others, option.value] : others);
      }}
    />
  ));
}
