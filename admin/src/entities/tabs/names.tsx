import { DataTable, FunctionField } from 'react-admin';
import { DeleteFactButton } from '../../common/forms.tsx';
import { LABEL_TYPE_CHOICES } from '../kinds.ts';
import { FactTable } from './fact-table.tsx';

/** Names: preferred, alternate, reported and hidden labels, each editable on its own. */
export function NamesTab(_: { label?: false }) {
  return (
    <FactTable
      reference="labels"
      target="entityId"
      perPage={50}
      add={{ label: 'Add a name', state: (entity) => ({ entityId: entity.id, type: 'ALTERNATE', language: 'en' }) }}
      empty="No names yet."
      rowClick={false}
      rowActions={
        <DeleteFactButton
          redirect={false}
          confirmTitle="Delete this name?"
          confirmContent="The entity will no longer be found by it."
        />
      }
    >
      <DataTable.Col source="text" label="Name" />
      <DataTable.Col source="type" label="Type">
        <FunctionField render={(l) => LABEL_TYPE_CHOICES.find((c) => c.id === l.type)?.name ?? l.type} />
      </DataTable.Col>
      <DataTable.Col source="language" label="Language" />
      <DataTable.Col source="version" label="Version" />
    </FactTable>
  );
}
