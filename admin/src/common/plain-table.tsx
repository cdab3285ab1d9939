import { type SxProps, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { ReactNode } from 'react';

/** A column heading, unique in its table; `[heading, 'right']` aligns a column of figures right. */
export type Heading = string | [string, 'right'];

/** A small read-only table named `label` for screen readers: one heading row, then the rows given. */
export function PlainTable({
  label,
  headings,
  sx,
  children,
}: {
  label: string;
  headings: Heading[];
  sx?: SxProps;
  children: ReactNode;
}) {
  return (
    <Table size="small" aria-label={label} sx={sx}>
      <TableHead>
        <TableRow>
          {headings.map((heading) => {
            const [text, align] = typeof heading === 'string' ? [heading, undefined] : heading;
            return (
              <TableCell key={text} align={align}>
                {text}
              </TableCell>
            );
          })}
        </TableRow>
      </TableHead>
      <TableBody>{children}</TableBody>
    </Table>
  );
}
