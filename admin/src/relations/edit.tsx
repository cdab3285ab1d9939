import { FunctionField, Labeled, required, SelectInput, useRecordContext } from 'react-admin';
import { EntityLink } from '../common/entity-link.tsx';
import { FactEdit } from '../common/fact-edit.tsx';
import { JsonInput } from '../common/json.tsx';
import { STATUS_CHOICES } from '../entities/kinds.ts';
import { PredicateField, relationTitle } from './fields.tsx';

function Title() {
  const record = useRecordContext();
  return <span>Edit relation: {relationTitle(record)}</span>;
}

/** A relation's ends and predicate are fixed (delete and recreate to change them); status and attributes change. */
export function RelationEdit() {
  return (
    <FactEdit title={<Title />}>
      <Labeled label="From">
        <FunctionField render={(r) => <EntityLink entity={r.from} showKind />} />
      </Labeled>
      <Labeled label="Relation">
        <PredicateField />
      </Labeled>
      <Labeled label="To">
        <FunctionField render={(r) => <EntityLink entity={r.to} showKind />} />
      </Labeled>
      <SelectInput source="status" label="Status" choices={STATUS_CHOICES} validate={required()} />
      <JsonInput source="attributes" label="Attributes" fullWidth />
    </FactEdit>
  );
}
