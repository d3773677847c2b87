/**
 * Custom field `plugin::newsroom.share` (type float): a share as an editor writes it — `1/3`,
 * `33.3%`, `0.333` (or 三分之一) — stored as the fraction. Anything that is not a share in [0, 1]
 * is refused inline; the raw text then stays in the form so the save cannot pass silently.
 */
import * as React from 'react';
import { TextInput } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { parseShare } from '../../../server/src/enforcement/figures';
import { getTrad } from '../pluginId';
import { FieldFrame, type CustomFieldInputProps } from './FieldFrame';

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** How a stored fraction is shown: as a percentage, e.g. 0.3333… → "33.33%". */
export const formatShare = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '';
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? `${round(n * 100, 2)}%` : String(value);
};

const sameNumber = (a: unknown, b: unknown) => typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-12;

const ShareInput = React.forwardRef<HTMLInputElement, CustomFieldInputProps<number | string | null>>(
  ({ name, value, onChange, error, hint, label, labelAction, required, disabled, placeholder }, ref) => {
    const { formatMessage, formatNumber } = useIntl();
    const [text, setText] = React.useState(() => formatShare(value));
    // Untouched, the field shows the stored fraction rounded; the preview then describes the stored value itself.
    const [typed, setTyped] = React.useState(false);
    const lastSent = React.useRef<unknown>(value);

    // The form value changed from elsewhere (locale switch, discard, history restore): show it.
    React.useEffect(() => {
      if (value === lastSent.current || sameNumber(value, lastSent.current)) return;
      lastSent.current = value;
      setText(formatShare(value));
      setTyped(false);
    }, [value]);

    const trimmed = text.trim();
    const stored = value === null || value === undefined || value === '' ? null : parseShare(Number(value));
    const parsed = trimmed === '' ? null : typed ? parseShare(trimmed) : (stored ?? parseShare(trimmed));
    const invalid = trimmed !== '' && parsed === null;
    const localError = invalid
      ? formatMessage({ id: getTrad('share.invalid'), defaultMessage: '"{text}" is not a share between 0 and 1: write 1/3, 33.3% or 0.333' }, { text: trimmed })
      : undefined;
    const preview =
      parsed !== null
        ? formatMessage(
            { id: getTrad('share.preview'), defaultMessage: '= {percent}, stored as {fraction}' },
            { percent: formatNumber(parsed, { style: 'percent', maximumFractionDigits: 2 }), fraction: round(parsed, 6) },
          )
        : undefined;

    const handleChange = (e: React.ChangeEvent<HTMLInputElement>) => {
      const next = e.target.value;
      setText(next);
      setTyped(true);
      const t = next.trim();
      const p = t === '' ? null : parseShare(t);
      // Invalid text goes into the form as is: the float validation then blocks the save.
      const out = t === '' ? null : (p ?? t);
      lastSent.current = out;
      onChange(name, out);
    };

    return (
      <FieldFrame name={name} error={localError ?? error} hint={preview ?? hint} label={label} labelAction={labelAction} required={required}>
        <TextInput
          ref={ref}
          value={text}
          onChange={handleChange}
          disabled={disabled}
          placeholder={placeholder || '1/3, 33.3% or 0.333'}
          inputMode="decimal"
          autoComplete="off"
          data-testid={`newsroom-share-${name}`}
          aria-invalid={invalid || !!error}
        />
      </FieldFrame>
    );
  },
);
ShareInput.displayName = 'NewsroomShareInput';

export default ShareInput;
