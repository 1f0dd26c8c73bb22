import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { AppServicesProvider, createAppServices, type AppServices } from '../app/context';
import { createClient } from '../lib/client';
import { createFakeTransport, type FakeHandler, type FakeTransport } from '../lib/fake-transport';
import { appInfo, settings } from './fixtures';

/** Answers every screen needs to start: settings, app info, empty lists, and a shell that can do nothing (the browser build). Tests override what they exercise. */
export const baseHandlers: Readonly<Record<string, FakeHandler>> = {
  'settings.get': () => settings,
  'app.info': () => appInfo,
  'stores.list': () => [],
  'accounts.list': () => [],
  'sources.list': () => [],
  'destinations.list': () => [],
  'plans.list': () => ({ plans: [], isPausedAll: false }),
  'jobs.list': () => [],
  'shell.capabilities': () => ({ canPickFolder: false, canDragOut: false, canOpenPath: false, canRememberPassphrases: false }),
};

export interface Rendered extends RenderResult {
  readonly transport: FakeTransport;
  readonly services: AppServices;
  /** The calls made to one method, with their parameters. */
  callsTo(method: string): unknown[];
}

/** Renders a screen inside the app's services, over a fake transport answering from `handlers`. */
export function renderWithServices(ui: ReactNode, handlers: Readonly<Record<string, FakeHandler>> = {}): Rendered {
  const transport = createFakeTransport({ ...baseHandlers, ...handlers });
  const services = createAppServices(createClient(transport));
  const result = render(<AppServicesProvider services={services}>{ui}</AppServicesProvider>);
  return { ...result, transport, services, callsTo: (method) => transport.calls.filter((call) => call.method === method).map((call) => call.params) };
}
