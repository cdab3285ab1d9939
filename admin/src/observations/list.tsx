import { DataTable, FunctionField, TextInput } from 'react-admin';
import { EntityInput } from '../common/entity-input.tsx';
import { EntityColumn } from '../common/entity-link.tsx';
import { formatValue, metricLabel } from '../common/format.ts';
import { ListPage } from '../common/list-page.tsx';
import { SourceLink } from '../common/source-link.tsx';

const filters = [
  <EntityInput key="entityId" source="entityId" label="Entity" helperText={false} />,
  <TextInput key="metric" source="metric" label="Metric" alwaysOn helperText="e.g. median_annual_wage" />,
];

/** Figures about entities (wages, employment, growth), each for a period and from a source. */
export function ObservationList() {
  return (
    <ListPage title="Observations" filters={filters}>
      <EntityColumn source="entity" label="Entity" />
      <DataTable.Col label="Metric">
        <FunctionField render={(o) => metricLabel(o.metric)} />
      </DataTable.Col>
      <DataTable.Col label="Value" align="right">
        <FunctionField render={(o) => formatValue(o.value, o.unit)} />
      </DataTable.Col>
      <DataTable.Col source="period" label="Period" disableSort />
      <DataTable.Col source="geography" label="Geography" disableSort />
      <DataTable.Col label="Source">
        <FunctionField render={(o) => <SourceLink source={o.source ?? o.citations?.[0]?.source} />} />
      </DataTable.Col>
      <DataTable.Col label="Citations">
        <FunctionField render={(o) => o.citations?.length ?? 0} />
      </DataTable.Col>
    </ListPage>
  );
}
