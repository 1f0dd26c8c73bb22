/** The first run: a store, then a first plan. */
export const welcome = {
  intro: 'Kloset Desktop keeps encrypted, deduplicated snapshots of your Dropbox, OpenDrive and local folders in a store. Two steps and your first backup is on its way.',
  steps: { label: 'Steps', store: '1. A store for your backups', plan: '2. What to back up, and when' },
  stepStatus: { current: 'current step', done: 'done' },
  storeIntro: 'A store is where the snapshots live. It can be a folder on this computer or an external disk, or a folder of a Dropbox or OpenDrive account (connect them under Sources).',
  storeCreated: (name: string) => `The store “${name}” is ready.`,
  planIntro: 'A plan backs up folders on a schedule and keeps the snapshots you choose. You can add more plans and change this one at any time.',
  skip: 'Skip for now',
  doneTitle: 'All set',
  done: 'Your first backup runs at the time the plan says; you can also run it now from Plans. Kloset Desktop keeps running in the tray.',
  doneSkipped: 'You can add a plan from Plans whenever you are ready.',
  goPlans: 'Go to Plans',
  goSnapshots: 'Go to Snapshots',
} as const;
