import {
  DateField,
  EditButton,
  FunctionField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { CanWrite } from '../common/roles.tsx';
import { SourceLink } from '../common/source-link.tsx';

function Title() {
  const record = useRecordContext();
  return <span>Citation from {record?.source?.title ?? 'a source'}</span>;
}

export function CitationShow() {
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
        <FunctionField label="Source" render={(c) => <SourceLink source={c.source} />} />
        <FunctionField label="Quote" render={(c) => (c.quote ? <i>“{c.quote}”</i> : '—')} />
        <TextField source="locator" label="Where in the source" emptyText="—" />
        <DateField source="retrievedAt" label="Retrieved" showTime emptyText="—" />
        <TextField source="curator" label="Curator" emptyText="—" />
        <TextField source="reviewStatus" label="Review status" emptyText="—" />
        <DateField source="createdAt" label="Recorded" showTime />
        <TextField source="version" label="Version" />
      </SimpleShowLayout>
    </Show>
  );
}
