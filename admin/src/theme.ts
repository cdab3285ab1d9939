import { defaultTheme, type RaThemeOptions } from 'react-admin';

export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    primary: { main: '#1f4e79' },
    secondary: { main: '#1f4e79' },
    // darker than MUI's orange, so that small warning text and chips meet WCAG AA contrast on white
    warning: { main: '#9a4f00', contrastText: '#ffffff' },
  },
  sidebar: { width: 230, closedWidth: 55 },
};
