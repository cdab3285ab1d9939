import { Alert } from '@mui/material';
import { Create, required, SimpleForm, TextInput, useRecordFromLocation } from 'react-admin';
import { useSaveErrorHandler } from '../common/conflict.tsx';
import { useFact } from '../common/fact.ts';
import { FORM_SX } from '../common/forms.tsx';
import { useWriteSuccess } from '../common/write-feedback.ts';
import { CitationFields } from './inputs.tsx';

/** Evidence for one fact (entity, name, relation or observation), opened from that fact's page. */
export function CitationCreate() {
  const onError = useSaveErrorHandler();
  const fromLocation = useRecordFromLocation();
  const fact = useFact(fromLocation?.factId as string | undefined);
  const onSuccess = useWriteSuccess(fact ? () => fact.path : 'show', 'Created');
  return (
    <Create title="New citation" redirect={fact ? () => fact.path : 'show'} mutationOptions={{ onSuccess, onError }}>
      <SimpleForm sx={FORM_SX}>
        {fact ? (
          <Alert severity="info" sx={{ mb: 2 }}>
            Citing: {fact.title}
          </Alert>
        ) : (
          <TextInput
            source="factId"
            label="ID of the fact cited"
            validate={required()}
            helperText="Open the entity, relation or observation and use its “Add a citation” button instead"
            fullWidth
          />
        )}
        <CitationFields />
      </SimpleForm>
    </Create>
  );
}
