/**
 * Custom field `plugin::newsroom.newsroom-time` (type datetime): a time on the newsroom's clock
 * (config `utcOffset`, labelled), to the minute — the same clock the rights panel, the history and
 * the refusal messages use, whatever time zone the editor's browser is in. Stored as the instant.
 */
import * as React from 'react';
import { Flex, TextInput, Typography } from '@strapi/design-system';
import { instantFromWallClock, minuteInputValue } from '../../../server/src/syndication/dates';
import { useNewsroomConfig } from '../utils/useNewsroomConfig';
import { FieldFrame, type CustomFieldInputProps } from './FieldFrame';

const asInput = (value: unknown, offset: string) => {
  if (typeof value !== 'string' || value === '') return '';
  return Number.isNaN(new Date(value).getTime()) ? '' : minuteInputValue(value, offset);
};

const NewsroomTimeInput = React.forwardRef<HTMLInputElement, Omit<CustomFieldInputProps<string | null>, 'placeholder'>>(
  ({ name, value, onChange, error, hint, label, labelAction, required, disabled }, ref) => {
    const { config, loaded } = useNewsroomConfig();
    const offset = config.utcOffset;
    return (
      <FieldFrame name={name} error={error} hint={hint} label={label} labelAction={labelAction} required={required}>
        <Flex gap={2} alignItems="center">
          <TextInput
            ref={ref}
            type="datetime-local"
            step={60}
            value={asInput(value, offset)}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
              const local = e.target.value;
              const instant = local ? instantFromWallClock(local, offset) : null;
              onChange(name, local ? (instant?.toISOString() ?? local) : null);
            }}
            disabled={disabled || !loaded}
            data-testid={`newsroom-time-${name}`}
            data-offset={offset}
          />
          <Typography variant="pi" textColor="neutral600" data-testid={`newsroom-time-offset-${name}`}>
            UTC{offset}
          </Typography>
        </Flex>
      </FieldFrame>
    );
  },
);
NewsroomTimeInput.displayName = 'NewsroomTimeInput';

export default NewsroomTimeInput;
