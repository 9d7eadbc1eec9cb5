import { CheckboxField, Fieldset } from "@/components/ui";

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
  const selected = new Set(value);
  return (
    <Fieldset id={name} legend={legend} hint={hint} error={error} legendClassName="text-lg">
      {options.map((standard, index) => (
        <CheckboxField
          key={standard.id}
          id={index === 0 ? name : `${name}-${index + 1}`}
          name={name}
          value={standard.id}
          label={`${standard.reference} ${standard.title}, level ${standard.level}`}
          checked={selected.has(standard.id)}
          disabled={disabled}
          onBlur={onBlur}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            onChange(checked ? [...value.filter((id) => id !== standard.id), standard.id] : value.filter((id) => id !== standard.id));
          }}
        />
      ))}
    </Fieldset>
  );
}
