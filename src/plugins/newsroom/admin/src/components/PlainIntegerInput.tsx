/**
 * Custom field `plugin::newsroom.plain-integer` (type integer): a whole number shown as written —
 * a year reads 2021, not "2,021" (the Content Manager's number input groups digits by locale).
 * Text that is not a whole number goes into the form as is, so the integer validation blocks the save.
 */
import * as React from 'react';
import { Field, TextInput } from '@strapi/design-system';

interface PlainIntegerInputProps {
  name: string;
  value?: number | string | null;
  onChange: (name: string, value: unknown) => void;
  error?: string;
  hint?: React.ReactNode;
  label?: React.ReactNode;
  labelAction?: React.ReactNode;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
}

const shown = (value: unknown) => (value === null || value === undefined ? '' : String(value));

const PlainIntegerInput = React.forwardRef<HTMLInputElement, PlainIntegerInputProps>(
  ({ name, value, onChange, error, hint, label, labelAction, required, disabled, placeholder }, ref) => (
    <Field.Root name={name} id={name} error={error} hint={hint} required={required}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <TextInput
        ref={ref}
        value={shown(value)}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
          const text = e.target.value.trim();
          onChange(name, text === '' ? null : /^-?\d+$/.test(text) ? Number(text) : text);
        }}
        disabled={disabled}
        placeholder={placeholder}
        inputMode="numeric"
        autoComplete="off"
        data-testid={`newsroom-integer-${name}`}
      />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  ),
);
PlainIntegerInput.displayName = 'NewsroomPlainIntegerInput';

export default PlainIntegerInput;
