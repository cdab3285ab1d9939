import type { ReactNode } from 'react';
import { useGetIdentity, usePermissions } from 'react-admin';
import { type Role, roleAtLeast } from '../auth-provider.ts';

/** What the signed-in account may do. The API decides; the console only hides what would be refused. */
export function useAbilities() {
  const { permissions } = usePermissions<Role | null>();
  const { identity } = useGetIdentity();
  return {
    role: permissions ?? null,
    email: identity ? String(identity.id) : null,
    /** Curators and above may change facts (a curator's change waits for review). */
    canWrite: roleAtLeast(permissions, 'CURATOR'),
    /** Reviewers and admins publish or reject drafts, and their own changes apply at once. */
    canReview: roleAtLeast(permissions, 'REVIEWER'),
  };
}

/** Renders its children only for accounts that may change facts. */
export function CanWrite({ children }: { children: ReactNode }) {
  return useAbilities().canWrite ? children : null;
}
