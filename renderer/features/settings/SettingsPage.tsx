import { themes, type Theme } from '../../../shared/types/settings';
import { useSettings } from '../../app/context';
import { strings } from '../../app/strings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Checkbox, Field } from '../../components/Field';
import { Loading, PageFrame } from '../../components/PageFrame';
import { NetworkSettings } from './NetworkSettings';
import { SettingsTransfer } from './SettingsTransfer';

const text = strings.settings;

/** Appearance, notifications, start-up, network and rclone, the app's data, and moving settings to another computer. */
export function SettingsPage() {
  const settings = useSettings((state) => state.settings);
  const info = useSettings((state) => state.info);
  const error = useSettings((state) => state.error);
  const update = useSettings((state) => state.update);
  const load = useSettings((state) => state.load);

  return (
    <PageFrame title={strings.pages.settings.title}>
      {error && <ErrorNotice error={{ ...error, message: `${text.saveFailed} ${error.message}` }} onRetry={() => void load()} />}
      {!settings ? (
        !error && <Loading label={strings.loading} />
      ) : (
        <>
          <fieldset className="field-group">
            <legend>{text.appearance}</legend>
            <Field label={text.theme}>
              {(control) => (
                <select {...control} value={settings.theme} onChange={(event) => void update({ theme: event.target.value as Theme })}>
                  {themes.map((theme) => (
                    <option key={theme} value={theme}>
                      {text.themes[theme]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </fieldset>
          <fieldset className="field-group">
            <legend>{text.notifications}</legend>
            <Checkbox label={text.notifyOnFailure} checked={settings.notifyOnFailure} onChange={(notifyOnFailure) => void update({ notifyOnFailure })} />
            <Checkbox label={text.notifyOnRestore} checked={settings.notifyOnRestore} onChange={(notifyOnRestore) => void update({ notifyOnRestore })} />
            <Checkbox label={text.notifyOnReconnect} checked={settings.notifyOnReconnect} onChange={(notifyOnReconnect) => void update({ notifyOnReconnect })} />
            <p className="field-hint">{text.notificationsHint}</p>
          </fieldset>
          <fieldset className="field-group">
            <legend>{text.startup}</legend>
            <Checkbox
              label={text.launchAtLogin}
              hint={info && info.runtime !== 'electron' ? text.launchAtLoginOnlyDesktop : undefined}
              disabled={info?.runtime !== 'electron'}
              checked={settings.launchAtLogin}
              onChange={(launchAtLogin) => void update({ launchAtLogin })}
            />
          </fieldset>
          <NetworkSettings settings={settings} onChange={(patch) => void update(patch)} />
        </>
      )}
      <SettingsTransfer />
      {info && (
        <section aria-labelledby="about-title" className="field-group">
          <h2 id="about-title">{text.about}</h2>
          <p>{text.version(info.version)}</p>
          <p className="muted">{text.runtimeLine(text.runtime[info.runtime], info.os, info.arch)}</p>
          <p className="path">{text.dataDir(info.dataDir)}</p>
          {info.rclone.path && info.rclone.version ? <p className="path">{text.rcloneFound(info.rclone.version, info.rclone.path)}</p> : <p className="field-error">{info.rclone.problem}</p>}
          <p className="field-hint">{text.dataDirHint}</p>
        </section>
      )}
    </PageFrame>
  );
}
