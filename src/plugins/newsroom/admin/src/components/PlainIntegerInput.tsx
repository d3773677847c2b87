/**
 * Custom field `plugin::newsroom.plain-integer` (type integer): a whole number shown as written —
 * a year reads 2021, not "2,021" (the Content Manager's number input groups digits by locale).
 * Text that is not a whole number goes into the form as is, so the integer validation blocks the save.
 */
import * as React from 'react';
import { TextInput } from '@strapi/design-system';
import { FieldFrame, type CustomFieldInputProps } from './FieldFrame';

const shown = (value: unknown) => (value === null || value === undefined ? '' : String(value));

const PlainIntegerInput = React.forwardRef<HTMLInputElement, CustomFieldInputProps<number | string | null>>(
  ({ name, value, onChange, error, hint, label, labelAction, required, disabled, placeholder }, ref) => (
    <FieldFrame name={name} error={error} hint={hint} label={label} labelAction={labelAction} required={required}>
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
    </FieldFrame>
  ),
);
PlainIntegerInput.displayName = 'NewsroomPlainIntegerInput';

export default PlainIntegerInput;
