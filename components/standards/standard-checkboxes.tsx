"use client";

import { Controller, type Control, type FieldValues, type Path } from "react-hook-form";
import { CheckboxList, Fieldset } from "@/components/ui";

export type StandardOption = { id: string; reference: string; title: string; level: number };

type Props = {
  /** The field name: the first checkbox gets it as its id (so the error summary links to it), the rest `${name}-2`, … */
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: StandardOption[];
  value: string[];
  onChange: (next: string[]) => void;
  onBlur?: () => void;
  disabled?: boolean;
};

/** A controlled checkbox list of standards ("ST0070 Business administrator, level 3"), in the order given. */
export function StandardCheckboxes({ name, legend, hint, error, options, value, onChange, onBlur, disabled }: Props) {
  const boxes = options.map((s, index) => ({
    value: s.id,
    id: index === 0 ? name : `${name}-${index + 1}`,
    label: `${s.reference} ${s.title}, level ${s.level}`,
  }));
  return (
    <Fieldset id={name} legend={legend} hint={hint} error={error} legendClassName="text-lg">
      <CheckboxList name={name} options={boxes} value={value} onChange={onChange} onBlur={onBlur} disabled={disabled} />
    </Fieldset>
  );
}

/** A form's `standardIds` as standards to tick (react-hook-form); `onChange` also hears of every change. */
export function StandardsField<V extends FieldValues>({
  control,
  onChange,
  ...props
}: Omit<Props, "name" | "value" | "onChange" | "onBlur"> & { control: Control<V>; onChange?: () => void }) {
  return (
    <Controller
      control={control}
      name={"standardIds" as Path<V>}
      render={({ field }) => (
        <StandardCheckboxes
          name={field.name}
          {...props}
          value={field.value as string[]}
          onChange={(next) => {
            onChange?.();
            field.onChange(next);
          }}
          onBlur={field.onBlur}
        />
      )}
    />
  );
}
