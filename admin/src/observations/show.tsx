import { FunctionField, type RaRecord, TextField } from 'react-admin';
import { AttributesText } from '../common/attributes.tsx';
import { EntityField } from '../common/entity-link.tsx';
import { formatValue, metricLabel } from '../common/format.ts';
import { FactShow } from '../common/show-page.tsx';
import { SourceLink } from '../common/source-link.tsx';

export const observationTitle = (o?: Partial<RaRecord>) =>
  o ? `${metricLabel(o.metric)} of ${o.entity?.name ?? '?'}, ${o.period}` : '';

export function ObservationShow() {
  return (
    <FactShow title={(o) => `Observation: ${observationTitle(o)}`} what="observation" entityOf={(o) => o.entity?.id}>
      <EntityField source="entity" label="Entity" />
      <FunctionField label="Metric" render={(o) => metricLabel(o.metric)} />
      <FunctionField label="Value" render={(o) => formatValue(o.value, o.unit)} />
      <TextField source="unit" label="Unit" />
      <TextField source="period" label="Period (as the source states it)" />
      <FunctionField
        label="Period dates"
        render={(o) => (o.periodStart || o.periodEnd ? `${o.periodStart ?? '…'} to ${o.periodEnd ?? '…'}` : '—')}
      />
      <TextField source="geography" label="Geography" emptyText="—" />
      <FunctionField label="Source" render={(o) => <SourceLink source={o.source} />} />
      <FunctionField label="Attributes" render={(o) => <AttributesText attributes={o.attributes} />} />
    </FactShow>
  );
}
