import { LabeledEntityField } from '../common/entity-link.tsx';
import { FactEdit } from '../common/fact-edit.tsx';
import { ObservationInputs } from './inputs.tsx';
import { observationTitle } from './show.tsx';

export function ObservationEdit() {
  return (
    <FactEdit title={(o) => `Edit observation: ${observationTitle(o)}`}>
      <LabeledEntityField source="entity" label="Entity" />
      <ObservationInputs />
    </FactEdit>
  );
}
