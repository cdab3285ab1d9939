import { Box, Stack, Typography } from '@mui/material';
import { DataTable, FunctionField, Pagination, ReferenceManyField, useRecordContext } from 'react-admin';
import { CitationText } from '../../common/citation-text.tsx';
import { SourceLink } from '../../common/source-link.tsx';
import { humanize } from '../kinds.ts';
import { AddButton, Empty, RowEditButton } from './parts.tsx';

/** The sources that state this fact, each with its own words. */
export function CitationsTab({
  factLabel = 'this entity',
  title,
}: {
  label?: false;
  factLabel?: string;
  title?: string;
}) {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Stack spacing={1} sx={{ width: '100%' }}>
      {title ? <Typography variant="subtitle1">{title}</Typography> : null}
      <Box>
        <AddButton resource="citations" label="Add a citation" state={{ factId: record.id }} />
      </Box>
      <ReferenceManyField reference="citations" target="factId" perPage={25} pagination={<Pagination />}>
        <DataTable bulkActionButtons={false} rowClick="show" empty={<Empty text={`No citations for ${factLabel}.`} />}>
          <DataTable.Col source="source.title" label="Source">
            <FunctionField render={(c) => <SourceLink source={c.source} />} />
          </DataTable.Col>
          <DataTable.Col
            source="quote"
            label="What it says"
            cellSx={() => ({ maxWidth: 720, wordBreak: 'break-word' })}
          >
            <FunctionField render={(c) => <CitationText citation={{ ...c, source: undefined }} />} />
          </DataTable.Col>
          <DataTable.Col source="reviewStatus" label="Review">
            <FunctionField render={(c) => humanize(c.reviewStatus)} />
          </DataTable.Col>
          <DataTable.Col label="Actions" align="right">
            <RowEditButton />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Stack>
  );
}
