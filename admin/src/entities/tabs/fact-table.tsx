import { Box, Stack, type SxProps, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { DataTable, Pagination, type RaRecord, ReferenceManyField, useRecordContext } from 'react-admin';
import { AddButton, CitationList, Empty, RowEditButton } from './parts.tsx';

/**
 * A table of the facts that refer to the record in context (its names, relations, observations or citations):
 * an optional title, a button to add one with the form started from `add.state` of the record, `filters` beside it, the
 * columns, and an Actions column that edits a row (plus `rowActions`).
 */
export function FactTable({
  reference,
  target,
  perPage = 25,
  filter,
  title,
  add,
  filters,
  empty,
  rowClick = 'show',
  rowActions,
  children,
}: {
  reference: string;
  target: string;
  perPage?: number;
  filter?: { [field: string]: unknown };
  title?: string;
  add: { label: string; state: (record: RaRecord) => { [field: string]: unknown } };
  filters?: ReactNode;
  empty: string;
  rowClick?: 'show' | false;
  rowActions?: ReactNode;
  children: ReactNode;
}) {
  const record = useRecordContext();
  if (!record) return null;
  const addButton = <AddButton resource={reference} label={add.label} state={add.state(record)} />;
  return (
    <Stack spacing={1} sx={{ width: '100%' }}>
      {title ? <Typography variant="subtitle1">{title}</Typography> : null}
      {filters ? (
        <Stack direction="row" spacing={2} alignItems="center">
          {addButton}
          {filters}
        </Stack>
      ) : (
        <Box>{addButton}</Box>
      )}
      <ReferenceManyField
        reference={reference}
        target={target}
        perPage={perPage}
        pagination={<Pagination />}
        filter={filter}
      >
        <DataTable bulkActionButtons={false} rowClick={rowClick} empty={<Empty text={empty} />}>
          {children}
          <DataTable.Col label="Actions" align="right">
            <RowEditButton />
            {rowActions}
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Stack>
  );
}

/** The column of a row's citations, each in its source's words. */
export function CitationsColumn({ cellSx }: { cellSx: SxProps }) {
  return <DataTable.Col label="Citations" field={CitationList} cellSx={() => cellSx} />;
}
