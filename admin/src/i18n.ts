import { defaultI18nProvider, type I18nProvider } from 'react-admin';

/** Messages curators read, instead of react-admin's generic "Element updated". */
const OVERRIDES: Record<string, string> = {
  'ra.notification.updated': 'Saved',
  'ra.notification.created': 'Created',
  'ra.notification.deleted': 'Deleted',
  'ra.notification.item_doesnt_exist': 'Not found: it may have been deleted',
  'ra.notification.http_error': 'The API could not be reached',
  'ra.page.empty': 'Nothing here yet',
  'ra.page.invite': 'Add the first one?',
  'ra.auth.username': 'E-mail',
  'ra.auth.sign_in': 'Log in',
  'ra.auth.logout': 'Log out',
  'ra.auth.sign_in_error': 'Log in failed: check your e-mail and password',
};

export const i18nProvider: I18nProvider = {
  ...defaultI18nProvider,
  translate: (key: string, options?: Parameters<I18nProvider['translate']>[1]) =>
    OVERRIDES[key] ?? defaultI18nProvider.translate(key, options),
};
