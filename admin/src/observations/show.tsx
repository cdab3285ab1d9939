import {
  EditButton,
  FunctionField,
  Labeled,
  type RaRecord,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { AttributesText } from '../common/attributes.tsx';
import { EntityLink } from '../common/entity-link.tsx';
import { formatValue, metricLabel } from '../common/format.ts';
import { CanWrite } from '../common/roles.tsx';
import { SourceLink } from '../common/source-link.tsx';
import { StatusChip } from '../common/status.tsx';
import { PendingDrafts } from '../drafts/pending.tsx';
import { CitationsTab } from '../entities/tabs/citations.tsx';
import { HistoryTab } from '../history/tab.tsx';

export const observationTitle = (o?: Partial<RaRecord>) =>
  o ? `${metricLabel(o.metric)} of ${o.entity?.name ?? '?'}, ${o.period}` : '';

function Title() {
  const record = useRecordContext();
  return <span>Observation: {observationTitle(record)}</span>;
}

export function ObservationShow() {
  return (
    <Show
      title={<Title />}
      actions={
        <TopToolbar>
          <CanWrite>
            <EditButton />
          </CanWrite>
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <PendingDrafts entityOf={(o) => o.entity?.id} what="this observation" />
        <FunctionField label="Entity" render={(o) => <EntityLink entity={o.entity} showKind />} />
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
        <FunctionField label="Status" render={(o) => <StatusChip status={o.status} />} />
        <TextField source="version" label="Version" />
        <CitationsTab label={false} factLabel="this observation" title="Citations" />
        <Labeled label="History" fullWidth>
          <HistoryTab factLabel="This observation" />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
