import { Box, Chip, Divider, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { DateField, FunctionField, Labeled, TextField, useRecordContext } from 'react-admin';
import { StatusChip } from '../../common/status.tsx';
import { PendingDrafts } from '../../drafts/pending.tsx';
import { DetailFields } from '../details.tsx';
import { kindLabel } from '../kinds.ts';
import { useKindConfig } from '../use-kind.ts';

/** Name, status, version and the kind's details, then whatever the kind adds (an occupation's profile). */
export function Summary({ children }: { label?: false; children?: ReactNode }) {
  const record = useRecordContext();
  const config = useKindConfig();
  if (!record) return null;
  const otherNames = (record.labels ?? []).filter(
    (l: { type: string }) => l.type === 'ALTERNATE' || l.type === 'REPORTED',
  );
  return (
    <Stack spacing={3} sx={{ width: '100%' }}>
      <PendingDrafts />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 6, rowGap: 2, alignItems: 'flex-start' }}>
        <Labeled label="Name">
          <TextField source="name" variant="h6" />
        </Labeled>
        <Labeled label="Kind">
          <Typography variant="body2">{kindLabel(record.kind)}</Typography>
        </Labeled>
        <Labeled label="Status">
          <FunctionField render={(r) => <StatusChip status={r.status} />} />
        </Labeled>
        <Labeled label="Version">
          <TextField source="version" />
        </Labeled>
        <Labeled label="Last changed">
          <DateField source="updatedAt" showTime />
        </Labeled>
      </Box>
      {config.details.length > 0 && <DetailFields config={config} />}
      {otherNames.length > 0 && (
        <Labeled label="Also known as" fullWidth>
          <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
            {otherNames.map((l: { id: string; text: string; type: string }) => (
              <Chip
                key={l.id}
                size="small"
                label={l.text}
                variant={l.type === 'REPORTED' ? 'outlined' : 'filled'}
                title={l.type === 'REPORTED' ? 'Reported title' : 'Alternate name'}
              />
            ))}
          </Stack>
        </Labeled>
      )}
      {children ? (
        <>
          <Divider />
          {children}
        </>
      ) : null}
    </Stack>
  );
}
