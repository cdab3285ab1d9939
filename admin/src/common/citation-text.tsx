import { Box, Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { readDatasetRow } from './dataset-rows.ts';
import { SourceLink } from './source-link.tsx';

export interface CitationLike {
  quote?: string | null;
  locator?: string | null;
  source?: { id: string; title?: string | null } | null;
}

/** The raw form of something shown in words, behind a "details" toggle for those who want it. */
export function RawDetails({ label = 'details', children }: { label?: string; children: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        variant="text"
        onClick={(e) => {
          e.stopPropagation();
          setOpen(!open);
        }}
        aria-expanded={open}
        sx={{ minWidth: 0, px: 0.5, py: 0, textTransform: 'none', verticalAlign: 'baseline' }}
      >
        {open ? `hide ${label}` : label}
      </Button>
      {open ? (
        <Box
          component="code"
          sx={{
            display: 'block',
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-all',
            fontSize: 12,
            color: 'text.secondary',
          }}
        >
          {children}
        </Box>
      ) : null}
    </>
  );
}

/**
 * A citation in the source's words: a quote with its source and place, or, for a dataset row, the dataset, the
 * file and row, and the columns the row states (the raw row behind "details").
 */
export function CitationText({ citation }: { citation: CitationLike }) {
  const row = readDatasetRow(citation.quote, citation.locator);
  if (row) {
    return (
      <Typography variant="body2" component="div">
        <SourceLink source={citation.source} />, {row.file}, row {row.line.toLocaleString('en-US')}
        {row.columns.length ? ': ' : ' '}
        {row.columns.map((c, i) => (
          <span key={c.name}>
            {i > 0 ? '; ' : ''}
            <span style={{ color: 'rgba(0,0,0,0.6)' }}>{c.name}</span> {c.value}
          </span>
        ))}{' '}
        <RawDetails label="raw row">{row.raw}</RawDetails>
      </Typography>
    );
  }
  return (
    <Typography variant="body2" component="div">
      {citation.quote ? <i>“{citation.quote}”</i> : '(no quote)'} — <SourceLink source={citation.source} />
      {citation.locator ? `, ${citation.locator}` : ''}
    </Typography>
  );
}

/** Citations one under the other, each in its source's words; `missing` warns when there are none. */
export function CitationTexts({ citations, missing }: { citations: readonly CitationLike[]; missing: string }) {
  if (citations.length === 0) {
    return (
      <Typography variant="body2" color="warning.main">
        {missing}
      </Typography>
    );
  }
  return (
    <Stack spacing={0.5}>
      {citations.map((c, i) => (
        // listed in the order the API gives; a draft's citations have no identity until it is published
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed for the record's version
        <CitationText key={i} citation={c} />
      ))}
    </Stack>
  );
}
