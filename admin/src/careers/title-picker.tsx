import { Autocomplete, Box, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { follow } from './answer.ts';
import { resolveTitles, type TitleMatch } from './queries.ts';

export type PickedOccupation = TitleMatch['occupation'];

/** Type a job title as people write it; resolveTitle offers the occupations it most likely means. */
export function TitlePicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: PickedOccupation | null;
  onChange: (occupation: PickedOccupation | null) => void;
}) {
  const [input, setInput] = useState('');
  const [options, setOptions] = useState<TitleMatch[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const title = input.trim();
    if (title.length < 2 || title === value?.name) {
      setOptions([]);
      return;
    }
    const controller = new AbortController();
    // wait for a pause in typing before asking
    const timer = setTimeout(() => {
      follow(() => resolveTitles(title, controller.signal), {
        answer: setOptions,
        error: setError,
        loading: setLoading,
      });
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [input, value?.name]);

  return (
    <Autocomplete<TitleMatch, false, false, false>
      sx={{ minWidth: 340, flex: 1 }}
      options={options}
      loading={loading}
      filterOptions={(x) => x}
      value={value ? { occupation: value, matchedTitle: value.name, score: 1 } : null}
      isOptionEqualToValue={(a, b) => a.occupation.id === b.occupation.id}
      getOptionLabel={(m) => m.occupation.name}
      getOptionKey={(m) => m.occupation.id}
      onChange={(_, match) => onChange(match?.occupation ?? null)}
      onInputChange={(_, text) => setInput(text)}
      noOptionsText={input.trim().length < 2 ? 'Type a job title' : 'No occupation matches'}
      renderOption={({ key, ...props }, m) => (
        <Box component="li" key={key} {...props} sx={{ display: 'block !important' }}>
          <Typography variant="body2">{m.occupation.name}</Typography>
          <Typography variant="caption" color="text.secondary">
            {m.occupation.onetSocCode ?? ''} · matched “{m.matchedTitle}”
          </Typography>
        </Box>
      )}
      renderInput={(params) => (
        <TextField {...params} label={label} helperText={error ?? ' '} error={!!error} size="small" />
      )}
    />
  );
}
