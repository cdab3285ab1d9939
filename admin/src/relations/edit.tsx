import { Labeled, required, SelectInput } from 'react-admin';
import { LabeledEntityField } from '../common/entity-link.tsx';
import { FactEdit } from '../common/fact-edit.tsx';
import { JsonInput } from '../common/json.tsx';
import { STATUS_CHOICES } from '../entities/kinds.ts';
import { PredicateField, relationTitle } from './fields.tsx';

/** A relation's ends and predicate are fixed (delete and recreate to change them); status and attributes change. */
export function RelationEdit() {
  return (
    <FactEdit title={(r) => `Edit relation: ${relationTitle(r)}`}>
      <LabeledEntityField source="from" label="From" />
      <Labeled label="Relation">
        <PredicateField />
      </Labeled>
      <LabeledEntityField source="to" label="To" />
      <SelectInput source="status" label="Status" choices={STATUS_CHOICES} validate={required()} />
      <JsonInput source="attributes" label="Attributes" fullWidth />
    </FactEdit>
  );
}
