import type { ReactElement, ReactNode } from 'react';
import { DataTable, List } from 'react-admin';

/** A resource's list page: its filters, 25 rows a page, no export, each row opening the record's page. */
export function ListPage({
  title,
  filters,
  children,
}: {
  title: string;
  filters: ReactElement[];
  children: ReactNode;
}) {
  return (
    <List title={title} filters={filters} perPage={25} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        {children}
      </DataTable>
    </List>
  );
}
