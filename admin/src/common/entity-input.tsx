import { AutocompleteInput, ReferenceInput, type Validator } from 'react-admin';
import { kindLabel } from '../entities/kinds.ts';

const withArticle = (phrase: string) => `${/^[aeiou]/i.test(phrase) ? 'An' : 'A'} ${phrase}`;

const optionText = (record: { name?: string; kind?: string }) =>
  record ? `${record.name ?? ''} (${kindLabel(record.kind)})` : '';

/** Picks any entity by name (optionally of given kinds), through the generic `entities` resource. */
export function EntityInput({
  source,
  label,
  kinds = [],
  validate,
  helperText,
  disabled,
}: {
  source: string;
  label: string;
  kinds?: string[];
  validate?: Validator | Validator[];
  helperText?: string | false;
  disabled?: boolean;
}) {
  return (
    <ReferenceInput
      source={source}
      reference="entities"
      perPage={25}
      filter={kinds.length === 1 ? { kind: kinds[0] } : {}}
      sort={{ field: 'name', order: 'ASC' }}
    >
      <AutocompleteInput
        label={label}
        optionText={optionText}
        filterToQuery={(q: string) => ({ q })}
        validate={validate}
        helperText={
          helperText ?? (kinds.length ? withArticle(kinds.map((k) => kindLabel(k).toLowerCase()).join(' or ')) : false)
        }
        disabled={disabled}
        sx={{ minWidth: 420 }}
      />
    </ReferenceInput>
  );
}
