import { DataTable, FunctionField } from 'react-admin';
import { formatValue, metricLabel } from '../../common/format.ts';
import { CitationsColumn, FactTable } from './fact-table.tsx';

/** Figures about this entity: metric, value with unit, period, and the citations behind each. */
export function ObservationsTab(_: { label?: false }) {
  return (
    <FactTable
      reference="observations"
      target="entityId"
      add={{ label: 'Add an observation', state: (entity) => ({ entityId: entity.id }) }}
      empty="No observations yet."
    >
      <DataTable.Col source="metric" label="Metric">
        <FunctionField render={(o) => metricLabel(o.metric)} />
      </DataTable.Col>
      <DataTable.Col source="value" label="Value">
        <FunctionField render={(o) => formatValue(o.value, o.unit)} />
      </DataTable.Col>
      <DataTable.Col source="period" label="Period" />
      <DataTable.Col source="geography" label="Geography" />
      <CitationsColumn cellSx={{ maxWidth: 560, wordBreak: 'break-word' }} />
    </FactTable>
  );
}
