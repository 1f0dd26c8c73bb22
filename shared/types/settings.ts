import { z } from 'zod';

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/** App settings. None of them is a secret: they may be exported and imported as a file. */
export const settingsSchema = z
  .object({
    theme: z.enum(themes),
    notifyOnFailure: z.boolean(),
    notifyOnRestore: z.boolean(),
    notifyOnReconnect: z.boolean(),
    launchAtLogin: z.boolean(),
    /** Upload and download limit for cloud transfers in KiB/s; null means unlimited. */
    bandwidthLimitKiBps: z.number().int().positive().max(10_000_000).nullable(),
    /** Path of the rclone program; null means find it on PATH or in the app's resources. */
    rclonePath: z.string().min(1).max(4096).nullable(),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  theme: 'system',
  notifyOnFailure: true,
  notifyOnRestore: true,
  notifyOnReconnect: true,
  launchAtLogin: false,
  bandwidthLimitKiBps: null,
  rclonePath: null,
};
