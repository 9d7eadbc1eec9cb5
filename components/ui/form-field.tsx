import type { ComponentProps, HTMLInputTypeAttribute, ReactNode } from "react";
import { cn } from "./cn";

/*
 * Form field primitives, GOV.UK style: label, hint, error message, then the control.
 * They accept react-hook-form's `register()` spread (`name`, `onChange`, `onBlur`, `ref`)
 * and pass any other props to the underlying element.
 *
 * Convention: give each control an `id` equal to its field name so that
 * `<ErrorSummary errors={[{ field: "email", ... }]} />` can link to it.
 */

export type FieldWidth = "full" | "20" | "10" | "5";

const widthClasses: Record<FieldWidth, string> = {
  full: "w-full",
  "20": "w-full max-w-[41ex]",
  "10": "w-full max-w-[23ex]",
  "5": "w-full max-w-[10.8ex]",
};

const controlClass =
  "block min-h-10 rounded-none border-2 bg-white px-2 py-1.5 text-base text-govuk-black " +
  "disabled:cursor-not-allowed disabled:bg-govuk-light-grey disabled:opacity-70";

const labelClass = "mb-1 block font-bold text-govuk-black";

type FieldBaseProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Error message; when set the control is marked invalid and the group gets a red left border. */
  error?: string;
  /** Class for the wrapping form group (`className` goes on the control itself). */
  groupClassName?: string;
};

type MaybeId = string | false | null | undefined;

function joinIds(...ids: MaybeId[]): string | undefined {
  const joined = ids.filter(Boolean).join(" ");
  return joined === "" ? undefined : joined;
}

export function hintId(id: string): string {
  return `${id}-hint`;
}

export function errorId(id: string): string {
  return `${id}-error`;
}

export type FormGroupProps = {
  error?: string | boolean;
  children: ReactNode;
  className?: string;
};

/** Wrapper giving consistent vertical spacing and the red left border when in error. */
export function FormGroup({ error, children, className }: FormGroupProps) {
  return <div className={cn("mb-6", error && "border-l-4 border-govuk-red pl-4", className)}>{children}</div>;
}

export type HintProps = { id: string; children: ReactNode; className?: string };

/** Grey hint text; reference its id from the control's `aria-describedby`. `className` replaces the default bottom margin. */
export function Hint({ id, children, className }: HintProps) {
  return (
    <div id={id} className={cn("text-govuk-secondary", className ?? "mb-2")}>
      {children}
    </div>
  );
}

export type ErrorMessageProps = { id: string; children: ReactNode };

/** Inline error message, shown above the control. */
export function ErrorMessage({ id, children }: ErrorMessageProps) {
  return (
    <p id={id} className="mb-2 font-bold text-red-700">
      <span className="sr-only">Error:</span> {children}
    </p>
  );
}

/** The label, hint and error above a control (hint and error ids from the control's id). */
function FieldHead({ id, label, hint, error, labelClassName = labelClass }: Omit<FieldBaseProps, "groupClassName"> & { labelClassName?: string }) {
  return (
    <>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {hint ? <Hint id={hintId(id)}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={errorId(id)}>{error}</ErrorMessage> : null}
    </>
  );
}

/** The control's `aria-invalid` and `aria-describedby` (its hint, its error, then any given). */
function describedBy(
  id: string,
  hint: ReactNode,
  error: string | undefined,
  ariaInvalid: ComponentProps<"input">["aria-invalid"],
  ariaDescribedBy: string | undefined,
) {
  return { "aria-invalid": error ? true : ariaInvalid, "aria-describedby": joinIds(hint ? hintId(id) : null, error ? errorId(id) : null, ariaDescribedBy) };
}

type Described = { "aria-describedby"?: string; "aria-invalid"?: ComponentProps<"input">["aria-invalid"] };

/** A control's border: red when it is in error. */
const border = (error: string | undefined) => (error ? "border-govuk-red" : "border-govuk-black");

/**
 * Lays out a field: label, hint, error, then the control that `control` renders from the props that are the
 * control's own and the id and aria attributes it must carry.
 */
function labelled<P extends FieldBaseProps & Described>(
  props: P,
  control: (own: Omit<P, keyof FieldBaseProps | keyof Described>, attributes: { id: string } & Described) => ReactNode,
) {
  const { id, label, hint, error, groupClassName, "aria-describedby": ariaDescribedBy, "aria-invalid": ariaInvalid, ...own } = props;
  return (
    <FormGroup error={error} className={groupClassName}>
      <FieldHead id={id} label={label} hint={hint} error={error} />
      {control(own, { id, ...describedBy(id, hint, error, ariaInvalid, ariaDescribedBy) })}
    </FormGroup>
  );
}

/* ------------------------------------------------------------------------- */

export type TextFieldProps = Omit<ComponentProps<"input">, "id" | "type" | "width"> &
  FieldBaseProps & {
    type?: HTMLInputTypeAttribute;
    width?: FieldWidth;
  };

/** Single-line text input with label, hint and error. */
export function TextField(props: TextFieldProps) {
  return labelled(props, ({ type = "text", width = "full", className, ...inputProps }, control) => (
    <input {...control} type={type} className={cn(controlClass, widthClasses[width], border(props.error), className)} {...inputProps} />
  ));
}

export type DateFieldProps = Omit<TextFieldProps, "type" | "width">;

/** A date input (the browser's date picker), wide enough for a date. */
export function DateField(props: DateFieldProps) {
  return <TextField type="date" width="10" {...props} />;
}

/* ------------------------------------------------------------------------- */

export type TextAreaProps = Omit<ComponentProps<"textarea">, "id"> &
  FieldBaseProps & {
    width?: FieldWidth;
  };

/** Multi-line text input with label, hint and error. */
export function TextArea(props: TextAreaProps) {
  return labelled(props, ({ width = "full", rows = 5, className, ...textareaProps }, control) => (
    <textarea
      {...control}
      rows={rows}
      className={cn(controlClass, "min-h-24 resize-y", widthClasses[width], border(props.error), className)}
      {...textareaProps}
    />
  ));
}

/* ------------------------------------------------------------------------- */

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectFieldProps = Omit<ComponentProps<"select">, "id" | "children"> &
  FieldBaseProps & {
    options: SelectOption[];
    /** Adds a first option with an empty value, e.g. "Choose a standard". */
    placeholder?: string;
    width?: FieldWidth;
  };

/** Native `<select>` with label, hint and error. */
export function SelectField(props: SelectFieldProps) {
  return labelled(props, ({ options, placeholder, width, className, ...selectProps }, control) => (
    <select
      {...control}
      className={cn(controlClass, "h-10 py-1", width ? widthClasses[width] : "max-w-full min-w-[11.5em]", border(props.error), className)}
      {...selectProps}
    >
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {options.map((option) => (
        <option key={option.value} value={option.value} disabled={option.disabled}>
          {option.label}
        </option>
      ))}
    </select>
  ));
}

/* ------------------------------------------------------------------------- */

export type FileFieldProps = Omit<ComponentProps<"input">, "id" | "type"> & FieldBaseProps & { labelClassName?: string };

/** A file input with label, hint and error; the browser's "Choose file" button is styled as a secondary button. */
export function FileField({ id, label, hint, error, groupClassName, labelClassName, className, ...inputProps }: FileFieldProps) {
  return (
    <FormGroup error={error} className={groupClassName}>
      <FieldHead id={id} label={label} hint={hint} error={error} labelClassName={labelClassName} />
      <input
        id={id}
        type="file"
        aria-invalid={error ? true : undefined}
        aria-describedby={cn(hint ? hintId(id) : null, error && errorId(id))}
        className={cn(
          "block w-full max-w-full border-2 bg-white p-1 text-base text-govuk-black",
          "file:mr-4 file:cursor-pointer file:border-0 file:bg-govuk-light-grey file:px-4 file:py-2 file:font-bold file:text-govuk-black file:shadow-[0_2px_0_var(--color-govuk-button-shadow)] hover:file:bg-govuk-mid-grey",
          error ? "border-govuk-red" : "border-govuk-black",
          className,
        )}
        {...inputProps}
      />
    </FormGroup>
  );
}

/* ------------------------------------------------------------------------- */

export type CheckboxFieldProps = Omit<ComponentProps<"input">, "id" | "type"> & FieldBaseProps;

/** A single checkbox with its label to the right (e.g. "I confirm…"). */
export function CheckboxField({
  id,
  label,
  hint,
  error,
  groupClassName,
  className,
  "aria-describedby": ariaDescribedBy,
  "aria-invalid": ariaInvalid,
  ...inputProps
}: CheckboxFieldProps) {
  return (
    <FormGroup error={error} className={groupClassName}>
      {error ? <ErrorMessage id={errorId(id)}>{error}</ErrorMessage> : null}
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          {...describedBy(id, hint, error, ariaInvalid, ariaDescribedBy)}
          className={cn("mt-0.5 size-6 shrink-0 cursor-pointer accent-brand-600 disabled:cursor-not-allowed", className)}
          {...inputProps}
        />
        <div className="min-w-0 pt-0.5">
          <label htmlFor={id} className="block cursor-pointer text-govuk-black">
            {label}
          </label>
          {hint ? (
            <Hint id={hintId(id)} className="mt-1 mb-0">
              {hint}
            </Hint>
          ) : null}
        </div>
      </div>
    </FormGroup>
  );
}

/* ------------------------------------------------------------------------- */

export type FieldsetProps = {
  /** Used to build the hint/error ids (`${id}-hint`, `${id}-error`). */
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  legendClassName?: string;
  className?: string;
};

/** Groups related controls (e.g. several CheckboxFields) under a legend. */
export function Fieldset({ id, legend, hint, error, children, legendClassName, className }: FieldsetProps) {
  return (
    <FormGroup error={error} className={className}>
      <fieldset aria-describedby={joinIds(hint ? hintId(id) : null, error ? errorId(id) : null)}>
        <legend className={cn("mb-2 font-bold text-govuk-black", legendClassName)}>{legend}</legend>
        {hint ? <Hint id={hintId(id)}>{hint}</Hint> : null}
        {error ? <ErrorMessage id={errorId(id)}>{error}</ErrorMessage> : null}
        {/* Tighter spacing between the grouped controls than between separate questions. */}
        <div className="flex flex-col gap-3 [&>div]:mb-0">{children}</div>
      </fieldset>
    </FormGroup>
  );
}

/* ------------------------------------------------------------------------- */

export type RadioOption = {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
};

export type RadioGroupProps = Omit<ComponentProps<"input">, "id" | "type" | "name" | "value" | "defaultValue" | "checked" | "defaultChecked"> & {
  name: string;
  legend: ReactNode;
  options: RadioOption[];
  hint?: ReactNode;
  error?: string;
  /** Base for ids. The first radio gets this id (so error links work), the rest `${idPrefix}-2`, … Defaults to `name`. */
  idPrefix?: string;
  /** The same as `idPrefix` (so a form's `field(name)` props fit every control). */
  id?: string;
  /** Lay short options out in a row. */
  inline?: boolean;
  /** Controlled value (pair with onChange). */
  value?: string;
  defaultValue?: string;
  legendClassName?: string;
  groupClassName?: string;
};

/** A set of radios in a fieldset with legend, hint and error. */
export function RadioGroup({
  name,
  legend,
  options,
  hint,
  error,
  idPrefix,
  id,
  inline = false,
  value,
  defaultValue,
  legendClassName,
  groupClassName,
  className,
  "aria-describedby": ariaDescribedBy,
  ...inputProps
}: RadioGroupProps) {
  const prefix = id ?? idPrefix ?? name;
  return (
    <FormGroup error={error} className={groupClassName}>
      <fieldset aria-describedby={joinIds(hint ? hintId(prefix) : null, error ? errorId(prefix) : null, ariaDescribedBy)}>
        <legend className={cn("mb-2 font-bold text-govuk-black", legendClassName)}>{legend}</legend>
        {hint ? <Hint id={hintId(prefix)}>{hint}</Hint> : null}
        {error ? <ErrorMessage id={errorId(prefix)}>{error}</ErrorMessage> : null}
        <div className={cn(inline ? "flex flex-wrap gap-x-8 gap-y-3" : "flex flex-col gap-3")}>
          {options.map((option, index) => {
            const optionId = index === 0 ? prefix : `${prefix}-${index + 1}`;
            return (
              <div key={option.value} className="flex items-start gap-3">
                <input
                  {...inputProps}
                  id={optionId}
                  type="radio"
                  name={name}
                  value={option.value}
                  checked={value === undefined ? undefined : value === option.value}
                  defaultChecked={defaultValue === undefined ? undefined : defaultValue === option.value}
                  disabled={option.disabled ?? inputProps.disabled}
                  aria-describedby={option.hint ? hintId(optionId) : undefined}
                  className={cn("mt-0.5 size-6 shrink-0 cursor-pointer accent-brand-600 disabled:cursor-not-allowed", className)}
                />
                <div className="min-w-0 pt-0.5">
                  <label htmlFor={optionId} className="block cursor-pointer text-govuk-black">
                    {option.label}
                  </label>
                  {option.hint ? (
                    <Hint id={hintId(optionId)} className="mt-1 mb-0">
                      {option.hint}
                    </Hint>
                  ) : null}
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}
