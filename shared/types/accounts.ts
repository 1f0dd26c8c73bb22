export type Provider = 'dropbox' | 'opendrive';
export type AccountStatus = 'connected' | 'expired' | 'unreachable' | 'unknown';

/** A connected cloud account: a named rclone remote in the app's own rclone config. */
export interface AccountSummary {
  readonly name: string;
  readonly provider: Provider;
  readonly status: AccountStatus;
  /** Account holder as the provider reports it, when known. */
  readonly user: string | null;
  readonly checkedAt: string | null;
}

export interface RemoteFolder {
  readonly name: string;
  readonly path: string;
  readonly isDirectory: boolean;
  readonly size: number;
  readonly mtime: string | null;
}

/** A named source or destination entry (like `kloset source add`). Secrets never cross the API. */
export interface EntrySummary {
  readonly name: string;
  /** As stored: a folder path, `rclone://folder` (with `rclone_remote` for a connected account), `scheme://…`. */
  readonly location: string;
  /** Where it is, as a person reads it: the folder path, `@account:folder`, or the location. */
  readonly place: string;
  readonly kind: 'local' | 'dropbox' | 'opendrive' | 'rclone' | 'plugin';
  readonly options: Readonly<Record<string, string>>;
}
