import { describe, expect, it } from 'vitest';
import { isKlosetError } from '../../kloset/index';
import { fsString, inlineConfigText, locationPath, parseRemoteSpec, remoteTypeIn } from './remote-spec';
import { pacingFlags, providerProfile } from './provider-profiles';

describe('rclone connector entries', () => {
  it('take the path of rclone:// locations as rclone does, refusing dot folders', () => {
    expect(locationPath('rclone://')).toBe('');
    expect(locationPath('rclone://Photos/2024/')).toBe('Photos/2024');
    expect(locationPath('rclone:///srv/backups')).toBe('/srv/backups');
    expect(() => locationPath('rclone://a/../b')).toThrow(/must not contain/);
    expect(() => locationPath('/local/path')).toThrow(/not an rclone location/);
  });

  it('give inline settings a private remote, and an account its own remote with per-entry overrides', () => {
    const inline = parseRemoteSpec({ location: 'rclone://Backups', rclone_type: 'dropbox', rclone_token: '{"a":1}', kloset_tpslimit: '5' }, '/nonexistent/rclone.conf');
    expect(inline).toMatchObject({ type: 'dropbox', remoteName: 'entry', accountName: null, path: 'Backups', root: '/Backups' });
    expect(inlineConfigText(inline)).toBe('[entry]\ntype = dropbox\ntoken = {"a":1}\n');
    expect(fsString(inline, 'packfiles')).toBe('entry:Backups/packfiles');
    const text = '[other]\ntype = webdav\n\n[work]\ntoken = x\ntype = dropbox\n';
    expect(remoteTypeIn(text, 'work')).toBe('dropbox');
    expect(remoteTypeIn(text, 'none')).toBeNull();
  });

  it('refuse an entry with neither a type nor an account, and a setting on two lines', () => {
    const codeOf = (config: Record<string, string>): string => {
      try {
        parseRemoteSpec({ location: 'rclone://x', ...config }, '/nonexistent');
        return 'no error';
      } catch (error) {
        return isKlosetError(error) ? error.code : String(error);
      }
    };
    expect(codeOf({})).toBe('BAD_INPUT');
    expect(codeOf({ rclone_type: 'dropbox', rclone_token: 'a\nb' })).toBe('BAD_INPUT');
    expect(codeOf({ rclone_remote: 'missing' })).toBe('NOT_FOUND');
  });

  it('pace Dropbox and OpenDrive calls, and take the entry\'s own figure, 0 for none', () => {
    const dropbox = providerProfile(parseRemoteSpec({ location: 'rclone://', rclone_type: 'dropbox' }, '/x'));
    expect(pacingFlags(dropbox, {})).toEqual(['--tpslimit', '12', '--tpslimit-burst', '1']);
    expect(pacingFlags(dropbox, { kloset_tpslimit: '0' })).toEqual([]);
    expect(() => pacingFlags(dropbox, { kloset_tpslimit: 'fast' })).toThrow(/number of calls a second/);
    const opendrive = providerProfile(parseRemoteSpec({ location: 'rclone://', rclone_type: 'opendrive' }, '/x'));
    expect(pacingFlags(opendrive, {})).toEqual(['--tpslimit', '8', '--tpslimit-burst', '1']);
    expect(opendrive.uploads).toBe('temp-and-move');
    expect(dropbox.uploads).toBe('direct');
    expect(providerProfile(parseRemoteSpec({ location: 'rclone://', rclone_type: 'sftp' }, '/x')).uploads).toBe('probe');
  });
});
