/**
 * Every user-visible string of the renderer, in one place, so the app can be translated by
 * providing another object of this shape.
 */
export const strings = {
  appName: 'Kloset Desktop',
  nav: {
    label: 'Main',
    sources: 'Sources',
    stores: 'Stores',
    snapshots: 'Snapshots',
    restore: 'Restore',
    plans: 'Plans',
    activity: 'Activity',
    settings: 'Settings',
  },
  connection: {
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Connection lost. Reconnecting…',
    unauthorized: 'Not authorized. Open the address that the server printed, including its #token part.',
  },
  pages: {
    sources: { title: 'Sources', empty: 'No sources yet. Sources are the folders you back up: local folders, Dropbox and OpenDrive.' },
    stores: { title: 'Stores', empty: 'No stores yet. A store keeps your encrypted backups, on this computer, on Dropbox or on OpenDrive.' },
    snapshots: { title: 'Snapshots', empty: 'No snapshots yet. Each backup makes one; you will browse and search them here.' },
    restore: { title: 'Restore', empty: 'Pick files in a snapshot to restore them here.' },
    plans: { title: 'Plans', empty: 'No plans yet. A plan backs up your sources on a schedule and keeps the snapshots you choose.' },
    activity: { title: 'Activity', empty: 'Nothing has run yet. Backups, restores and checks will show here with their progress.' },
    settings: { title: 'Settings' },
  },
  settings: {
    appearance: 'Appearance',
    theme: 'Theme',
    themes: { system: 'Same as the system', light: 'Light', dark: 'Dark' },
    about: 'About',
    version: (version: string) => `Version ${version}`,
    dataDir: (dir: string) => `Data folder: ${dir}`,
    saveFailed: (message: string) => `The setting was not saved: ${message}`,
  },
  loading: 'Loading…',
} as const;

export type Strings = typeof strings;
