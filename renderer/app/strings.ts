/**
 * Every user-visible string of the renderer, in one object, so the app can be translated by
 * providing another object of this shape. Each screen's strings live in `strings/<screen>.ts`.
 */
import { activity } from './strings/activity';
import { common } from './strings/common';
import { errors } from './strings/errors';
import { plans } from './strings/plans';
import { restore } from './strings/restore';
import { settings } from './strings/settings';
import { snapshots } from './strings/snapshots';
import { sources } from './strings/sources';
import { stores } from './strings/stores';
import { welcome } from './strings/welcome';

export const strings = {
  ...common,
  activity,
  errors,
  plans,
  restore,
  settings,
  snapshots,
  sources,
  stores,
  welcome,
} as const;

export type Strings = typeof strings;
