import { Menu, Tray } from 'electron';
import type { Services } from '../services';
import { trayIcon } from './icons';
import { trayModel } from './tray-model';

/**
 * The tray icon: idle, running or error, with a tooltip and a menu (status line with last and
 * next backup, back up now per plan, pause schedules, open, quit). It follows the job and plan
 * events of the services.
 */
export function createTray(services: Services, actions: { readonly open: () => void; readonly quit: () => void }): () => void {
  const tray = new Tray(trayIcon('idle'));
  const update = (): void => {
    const running = services.jobs.list(50).filter((job) => job.status === 'running' || job.status === 'canceling');
    const model = trayModel({ running, plans: services.scheduler.listPlans(), isPausedAll: services.scheduler.isPausedAll(), now: new Date() });
    tray.setImage(trayIcon(model.state));
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: model.statusLine, enabled: false },
        { type: 'separator' },
        ...model.plans.map((plan) => ({ label: plan.label, enabled: !plan.isRunning, click: () => void services.scheduler.runNow(plan.id).catch(() => undefined) })),
        ...(model.plans.length ? [{ type: 'separator' as const }] : []),
        {
          label: 'Pause scheduled backups',
          type: 'checkbox',
          checked: model.isPausedAll,
          click: () => (model.isPausedAll ? services.scheduler.resumeAll() : services.scheduler.pauseAll()),
        },
        { label: 'Open Kloset Desktop', click: actions.open },
        { label: 'Quit', click: actions.quit },
      ]),
    );
  };
  tray.on('click', actions.open);
  update();
  const unsubscribe = services.events.subscribe((name) => {
    if (name.startsWith('jobs.') || name === 'plans.changed') update();
  });
  const timer = setInterval(update, 60_000);
  return () => {
    clearInterval(timer);
    unsubscribe();
    tray.destroy();
  };
}
