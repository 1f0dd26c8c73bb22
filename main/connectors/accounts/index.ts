/**
 * Cloud accounts (Dropbox, OpenDrive) as named remotes of the app's own rclone config, so that
 * every connector instance shares them and rclone saves renewed tokens there: connect (browser
 * sign-in, pasted token, user name and password), check, remove, and browse for a folder picker.
 * Uses the engine only through main/kloset/index.ts; knows nothing of the API that calls it.
 */
export { openAccounts, type Accounts, type AccountsOptions, type PendingSignIn } from './accounts';
