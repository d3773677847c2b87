/**
 * What the newsroom's custom field inputs share: the props the Content Manager hands an input, and
 * the frame it sits in — label (with its action), hint and error, as the Content Manager's own fields.
 */
import * as React from 'react';
import { Field } from '@strapi/design-system';

export interface CustomFieldInputProps<V = unknown> {
  name: string;
  value?: V;
  onChange: (name: string, value: unknown) => void;
  error?: string;
  hint?: React.ReactNode;
  label?: React.ReactNode;
  labelAction?: React.ReactNode;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
}

type FrameProps = Pick<CustomFieldInputProps, 'name' | 'error' | 'hint' | 'label' | 'labelAction' | 'required'> & { children: React.ReactNode };

export function FieldFrame({ name, error, hint, label, labelAction, required, children }: FrameProps) {
  return (
    <Field.Root name={name} id={name} error={error} hint={hint} required={required}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      {children}
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
