import { Box, Stack } from '@mui/material';
import { DataTable, FunctionField, Pagination, ReferenceManyField, useRecordContext } from 'react-admin';
import { DeleteFactButton } from '../../common/forms.tsx';
import { LABEL_TYPE_CHOICES } from '../kinds.ts';
import { AddButton, Empty, RowEditButton } from './parts.tsx';

/** Names: preferred, alternate, reported and hidden labels, each editable on its own. */
export function NamesTab(_: { label?: false }) {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Stack spacing={1} sx={{ width: '100%' }}>
      <Box>
        <AddButton
          resource="labels"
          label="Add a name"
          state={{ entityId: record.id, type: 'ALTERNATE', language: 'en' }}
        />
      </Box>
      <ReferenceManyField reference="labels" target="entityId" perPage={50} pagination={<Pagination />}>
        <DataTable bulkActionButtons={false} rowClick={false} empty={<Empty text="No names yet." />}>
          <DataTable.Col source="text" label="Name" />
          <DataTable.Col source="type" label="Type">
            <FunctionField render={(l) => LABEL_TYPE_CHOICES.find((c) => c.id === l.type)?.name ?? l.type} />
          </DataTable.Col>
          <DataTable.Col source="language" label="Language" />
          <DataTable.Col source="version" label="Version" />
          <DataTable.Col label="Actions" align="right">
            <RowEditButton />
            <DeleteFactButton
              redirect={false}
              confirmTitle="Delete this name?"
              confirmContent="The entity will no longer be found by it."
            />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Stack>
  );
}
