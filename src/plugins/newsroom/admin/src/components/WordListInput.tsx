/**
 * Custom field `plugin::newsroom.word-list` (type json): a list of words or names typed as a line —
 * `住房、普陀` or `housing, Putuo` — stored as the JSON list. Empty shows empty (the Content Manager's
 * JSON editor shows a new article's keywords as `null`).
 */
import * as React from 'react';
import { TextInput } from '@strapi/design-system';
import { joinWordList, splitWordList } from '../../../server/src/content-types/word-list';
import { FieldFrame, type CustomFieldInputProps } from './FieldFrame';

const WordListInput = React.forwardRef<HTMLInputElement, CustomFieldInputProps>(
  ({ name, value, onChange, error, hint, label, labelAction, required, disabled, placeholder }, ref) => {
    const [text, setText] = React.useState(() => joinWordList(value));
    const lastSent = React.useRef<unknown>(value);
    // The form value changed from elsewhere (locale switch, discard, history restore): show it.
    React.useEffect(() => {
      if (JSON.stringify(value ?? null) === JSON.stringify(lastSent.current ?? null)) return;
      lastSent.current = value;
      setText(joinWordList(value));
    }, [value]);
    return (
      <FieldFrame name={name} error={error} hint={hint} label={label} labelAction={labelAction} required={required}>
        <TextInput
          ref={ref}
          value={text}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
            setText(e.target.value);
            const list = splitWordList(e.target.value);
            const out = list.length ? list : null;
            lastSent.current = out;
            onChange(name, out);
          }}
          disabled={disabled}
          placeholder={placeholder}
          autoComplete="off"
          data-testid={`newsroom-words-${name}`}
        />
      </FieldFrame>
    );
  },
);
WordListInput.displayName = 'NewsroomWordListInput';

export default WordListInput;
