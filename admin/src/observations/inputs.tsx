import { NumberInput, required, TextInput } from 'react-admin';
import { JsonInput } from '../common/json.tsx';

const isoDate = (value: unknown) =>
  value === null || value === undefined || value === '' || /^\d{4}-\d{2}-\d{2}$/.test(String(value))
    ? undefined
    : 'A date like 2017-05-01';

/** A day the period starts or ends on, optional. */
function PeriodDateInput({ source, label }: { source: string; label: string }) {
  return (
    <TextInput
      source={source}
      label={label}
      type="date"
      validate={isoDate}
      helperText={false}
      slotProps={{ inputLabel: { shrink: true } }}
    />
  );
}

/** The fields of an observation shared by its create and edit forms. */
export function ObservationInputs() {
  return (
    <>
      <TextInput
        source="metric"
        label="Metric"
        validate={required()}
        helperText="From the metric catalogue, e.g. median_annual_wage, employment, projected_growth"
      />
      <NumberInput source="value" label="Value" validate={required()} />
      <TextInput
        source="unit"
        label="Unit"
        helperText="e.g. USD/year, USD/hour, jobs, percent; checked against the metric"
      />
      <TextInput
        source="period"
        label="Period"
        validate={required()}
        helperText="As the source states it: 2012, May 2017, 2016-2026"
      />
      <PeriodDateInput source="periodStart" label="Period start" />
      <PeriodDateInput source="periodEnd" label="Period end" />
      <TextInput source="geography" label="Geography" helperText="e.g. US; blank for national" />
      <JsonInput source="attributes" label="Attributes (optional)" fullWidth />
    </>
  );
}
