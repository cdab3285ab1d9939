import { Typography } from '@mui/material';
import { FunctionField, useRecordContext } from 'react-admin';
import { AttributesText } from '../common/attributes.tsx';
import { EntityField } from '../common/entity-link.tsx';
import { usePredicates } from '../common/predicates.ts';
import { FactShow } from '../common/show-page.tsx';
import { PredicateField, relationTitle } from './fields.tsx';

function PredicateDescription(_: { label?: string }) {
  const record = useRecordContext();
  const catalogue = usePredicates();
  const entry = catalogue.find((p) => p.name === record?.predicate);
  return <Typography variant="body2">{entry?.description ?? ''}</Typography>;
}

export function RelationShow() {
  return (
    <FactShow title={(r) => `Relation: ${relationTitle(r)}`} what="relation" entityOf={(r) => r.from?.id}>
      <EntityField source="from" label="From" />
      <PredicateField label="Relation" />
      <EntityField source="to" label="To" />
      <PredicateDescription label="Meaning" />
      <FunctionField label="Attributes" render={(r) => <AttributesText attributes={r.attributes} />} />
    </FactShow>
  );
}
