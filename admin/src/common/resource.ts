import type { ResourceProps } from 'react-admin';

/** How the console names and shows a resource: its route name, menu label and icon, and how a record reads. */
interface Identity {
  name: string;
  label?: string;
  icon?: ResourceProps['icon'];
  recordRepresentation?: ResourceProps['recordRepresentation'];
}

/** The pages a resource has; a page left out is a route the resource does not have. */
type Pages = Pick<ResourceProps, 'list' | 'show' | 'edit' | 'create'>;

/** A console resource's props, given to react-admin's `<Resource>`. */
export function consoleResource({ name, label, icon, recordRepresentation }: Identity, pages: Pages): ResourceProps {
  return { name, options: { label }, icon, recordRepresentation, ...pages };
}
