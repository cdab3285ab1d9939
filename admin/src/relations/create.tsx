import { Create, FormDataConsumer, required, SelectInput, SimpleForm } from 'react-admin';
import { CreateCitationInputs } from '../common/citation-inputs.tsx';
import { useSaveErrorHandler } from '../common/conflict.tsx';
import { EntityInput } from '../common/entity-input.tsx';
import { FORM_SX } from '../common/forms.tsx';
import { JsonInput } from '../common/json.tsx';
import { kindsFor, usePredicates } from '../common/predicates.ts';
import { useWriteSuccess } from '../common/write-feedback.ts';
import { humanize, STATUS_CHOICES } from '../entities/kinds.ts';

const ruleLabel = (rule: string) =>
  rule
    .split('->')
    .map((end) => humanize(end.trim()).toLowerCase())
    .join(' → ');

/** A new edge: the predicate first, then ends of the kinds its rules allow. */
export function RelationCreate() {
  const onError = useSaveErrorHandler();
  const onSuccess = useWriteSuccess('show', 'Created');
  const catalogue = usePredicates();
  const choices = catalogue.map((p) => ({
    id: p.name,
    name: `${humanize(p.name).toLowerCase()} (${p.rules.map(ruleLabel).join(', ')})`,
  }));
  return (
    <Create title="New relation" redirect="show" mutationOptions={{ onSuccess, onError }}>
      <SimpleForm defaultValues={{ status: 'DRAFT' }} sx={FORM_SX}>
        <SelectInput
          source="predicate"
          label="Relation"
          choices={choices}
          validate={required()}
          sx={{ minWidth: 420 }}
        />
        <FormDataConsumer>
          {({ formData }) => {
            const predicate = catalogue.find((p) => p.name === formData.predicate);
            return (
              <>
                {predicate ? <p style={{ margin: '0 0 16px', color: '#555' }}>{predicate.description}</p> : null}
                <EntityInput source="fromId" label="From" kinds={kindsFor(predicate, 'from')} validate={required()} />
                <EntityInput source="toId" label="To" kinds={kindsFor(predicate, 'to')} validate={required()} />
              </>
            );
          }}
        </FormDataConsumer>
        <JsonInput source="attributes" label="Attributes (optional)" fullWidth />
        <SelectInput source="status" label="Status" choices={STATUS_CHOICES} validate={required()} />
        <CreateCitationInputs />
      </SimpleForm>
    </Create>
  );
}
