import FactCheckIcon from '@mui/icons-material/FactCheck';
import TimelineIcon from '@mui/icons-material/Timeline';
import { ListSubheader } from '@mui/material';
import { AppBar, Layout, type LayoutProps, Menu, UserMenu, useGetIdentity, useSidebarState } from 'react-admin';
import { useAbilities } from './common/roles.tsx';
import { KINDS, type MenuGroup } from './entities/kinds.ts';

const GROUPS: Array<{ title: MenuGroup | 'Evidence'; resources: string[] }> = [
  ...(['Occupations', 'Learning', 'Credentials', 'Organizations'] as MenuGroup[]).map((group) => ({
    title: group,
    resources: KINDS.filter((k) => k.group === group).map((k) => k.resource),
  })),
  { title: 'Evidence', resources: ['relations', 'observations', 'citations', 'sources'] },
];

function Section({ title }: { title: string }) {
  const [open] = useSidebarState();
  if (!open) return null;
  return (
    <ListSubheader
      disableSticky
      // a heading among the menu's items, not an item: a menu may only own items
      role="none"
      sx={{ lineHeight: '32px', mt: 1, bgcolor: 'transparent', fontWeight: 600, letterSpacing: 0.4 }}
    >
      {title}
    </ListSubheader>
  );
}

/** The menu: entity kinds grouped as curators think of them, then the evidence behind the facts. */
export function AppMenu() {
  const { canWrite, role } = useAbilities();
  return (
    <Menu>
      <Menu.DashboardItem primaryText="Overview" />
      <Menu.Item to="/careers" primaryText="Career explorer" leftIcon={<TimelineIcon />} />
      <Menu.Item to="/coding" primaryText="Title coding" leftIcon={<FactCheckIcon />} />
      {canWrite ? <Menu.ResourceItem name="drafts" /> : null}
      {GROUPS.map((group) => [
        <Section key={`section-${group.title}`} title={group.title} />,
        ...group.resources.map((name) => <Menu.ResourceItem key={name} name={name} />),
      ])}
      {role === 'ADMIN'
        ? [<Section key="section-admin" title="Administration" />, <Menu.ResourceItem key="accounts" name="accounts" />]
        : null}
    </Menu>
  );
}

/** The account menu, named by the account it shows (its visible text), so its name and label agree. */
function AccountMenu() {
  const { identity } = useGetIdentity();
  return <UserMenu label={identity?.fullName ?? 'Profile'} />;
}

const ConsoleAppBar = () => <AppBar userMenu={<AccountMenu />} />;

export function AppLayout(props: LayoutProps) {
  return <Layout {...props} menu={AppMenu} appBar={ConsoleAppBar} />;
}
