/** A titled section of a side panel, with the two states of a list it loads: not saved yet, could not load. */
import * as React from 'react';
import { Box, Typography } from '@strapi/design-system';

export const PanelSection = (props: { title: string; unsaved?: string | false; error?: string | false; children?: React.ReactNode }) => (
  <Box>
    <Typography variant="pi" fontWeight="bold" tag="p">
      {props.title}
    </Typography>
    {props.unsaved && (
      <Typography variant="pi" textColor="neutral600" tag="p">
        {props.unsaved}
      </Typography>
    )}
    {props.error && (
      <Typography variant="pi" textColor="danger600" tag="p">
        {props.error}
      </Typography>
    )}
    {props.children}
  </Box>
);
