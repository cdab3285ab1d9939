import { Typography } from '@mui/material';
import { DataTable, FunctionField, ReferenceInput, SelectInput } from 'react-admin';
import { AttributesText } from '../common/attributes.tsx';
import type { CitationLike } from '../common/citation-text.tsx';
import { EntityInput } from '../common/entity-input.tsx';
import { EntityColumn } from '../common/entity-link.tsx';
import { ListPage } from '../common/list-page.tsx';
import { SourceLink } from '../common/source-link.tsx';
import { StatusChip } from '../common/status.tsx';
import { humanize, STATUS_CHOICES } from '../entities/kinds.ts';
import { PredicateField } from './fields.tsx';

const filters = [
  <ReferenceInput key="predicate" source="predicate" reference="predicates" alwaysOn>
    <SelectInput
      label="Relation"
      optionText={(p: { name: string }) => humanize(p.name).toLowerCase()}
      emptyText="Any relation"
      sx={{ minWidth: 220 }}
    />
  </ReferenceInput>,
  <EntityInput key="entityId" source="entityId" label="Involving entity" helperText={false} />,
  <SelectInput key="status" source="status" label="Status" choices={STATUS_CHOICES} emptyText="Any status" />,
];

/** Every typed edge of the graph, filtered by predicate or by an entity at either end. */
export function RelationList() {
  return (
    <ListPage title="Relations" filters={filters}>
      <EntityColumn source="from" label="From" />
      <DataTable.Col label="Relation" field={PredicateField} cellSx={() => ({ whiteSpace: 'nowrap' })} />
      <EntityColumn source="to" label="To" />
      <DataTable.Col label="Attributes">
        <FunctionField render={(r) => <AttributesText attributes={r.attributes} />} />
      </DataTable.Col>
      <DataTable.Col label="Cited by" cellSx={() => ({ maxWidth: 360 })}>
        <FunctionField
          render={(r) =>
            r.citations?.length ? (
              r.citations.map((c: CitationLike & { id: string }) => (
                <div key={c.id}>
                  <SourceLink source={c.source} />
                </div>
              ))
            ) : (
              <Typography variant="body2" color="warning.main">
                Not cited
              </Typography>
            )
          }
        />
      </DataTable.Col>
      <DataTable.Col label="Status">
        <FunctionField render={(r) => <StatusChip status={r.status} />} />
      </DataTable.Col>
    </ListPage>
  );
}
