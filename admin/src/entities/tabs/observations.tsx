import { Box, Stack } from '@mui/material';
import { DataTable, FunctionField, Pagination, ReferenceManyField, useRecordContext } from 'react-admin';
import { formatValue, metricLabel } from '../../common/format.ts';
import { AddButton, CitationList, Empty, RowEditButton } from './parts.tsx';

/** Figures about this entity: metric, value with unit, period, and the citations behind each. */
export function ObservationsTab(_: { label?: false }) {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Stack spacing={1} sx={{ width: '100%' }}>
      <Box>
        <AddButton resource="observations" label="Add an observation" state={{ entityId: record.id }} />
      </Box>
      <ReferenceManyField reference="observations" target="entityId" perPage={25} pagination={<Pagination />}>
        <DataTable bulkActionButtons={false} rowClick="show" empty={<Empty text="No observations yet." />}>
          <DataTable.Col source="metric" label="Metric">
            <FunctionField render={(o) => metricLabel(o.metric)} />
          </DataTable.Col>
          <DataTable.Col source="value" label="Value">
            <FunctionField render={(o) => formatValue(o.value, o.unit)} />
          </DataTable.Col>
          <DataTable.Col source="period" label="Period" />
          <DataTable.Col source="geography" label="Geography" />
          <DataTable.Col
            label="Citations"
            field={CitationList}
            cellSx={() => ({ maxWidth: 560, wordBreak: 'break-word' })}
          />
          <DataTable.Col label="Actions" align="right">
            <RowEditButton />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Stack>
  );
}
