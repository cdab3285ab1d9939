import { Create, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { useSaveErrorHandler } from '../common/conflict.tsx';
import { FORM_SX } from '../common/forms.tsx';

const SOURCE_KINDS = [
  { id: 'web_page', name: 'Web page' },
  { id: 'dataset_release', name: 'Dataset release' },
  { id: 'document', name: 'Document' },
  { id: 'curator_note', name: 'Curator note' },
];

const isoDate = (value: unknown) =>
  value === null || value === undefined || value === '' || /^\d{4}-\d{2}-\d{2}$/.test(String(value))
    ? undefined
    : 'A date like 2019-03-26';

export function SourceCreate() {
  const onError = useSaveErrorHandler();
  return (
    <Create title="New source" redirect="show" mutationOptions={{ onError }}>
      <SimpleForm defaultValues={{ kind: 'web_page' }} sx={FORM_SX}>
        <TextInput source="title" label="Title" validate={required()} fullWidth />
        <TextInput
          source="key"
          label="Key"
          validate={required()}
          helperText="A stable natural key, e.g. onet:29.3 or a short slug of the page"
        />
        <SelectInput source="kind" label="Kind" choices={SOURCE_KINDS} validate={required()} />
        <TextInput source="url" label="Address (URL)" type="url" fullWidth />
        <TextInput source="publisher" label="Publisher" />
        <TextInput
          source="publishedAt"
          label="Published on"
          type="date"
          validate={isoDate}
          slotProps={{ inputLabel: { shrink: true } }}
        />
      </SimpleForm>
    </Create>
  );
}
