import { themes, type Theme } from '../../../shared/types/settings';
import { PageFrame } from '../../components/PageFrame';
import { useSettings } from '../../app/context';
import { strings } from '../../app/strings';

export function SettingsPage() {
  const settings = useSettings((state) => state.settings);
  const info = useSettings((state) => state.info);
  const error = useSettings((state) => state.error);
  const update = useSettings((state) => state.update);

  return (
    <PageFrame title={strings.pages.settings.title}>
      {error && (
        <p role="alert" className="error">
          {strings.settings.saveFailed(error)}
        </p>
      )}
      {!settings ? (
        <p aria-busy="true">{strings.loading}</p>
      ) : (
        <fieldset className="field-group">
          <legend>{strings.settings.appearance}</legend>
          <label htmlFor="theme">{strings.settings.theme}</label>
          <select id="theme" value={settings.theme} onChange={(event) => void update({ theme: event.target.value as Theme })}>
            {themes.map((theme) => (
              <option key={theme} value={theme}>
                {strings.settings.themes[theme]}
              </option>
            ))}
          </select>
        </fieldset>
      )}
      {info && (
        <section aria-labelledby="about-title" className="field-group">
          <h2 id="about-title">{strings.settings.about}</h2>
          <p>{strings.settings.version(info.version)}</p>
          <p>{strings.settings.dataDir(info.dataDir)}</p>
        </section>
      )}
    </PageFrame>
  );
}
