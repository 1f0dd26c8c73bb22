import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShellCapabilities } from '../../../shared/api/shell';
import { fakeError } from '../../lib/fake-transport';
import { renderWithServices } from '../../testing/render-app';
import { LocalFolderField, typedFolder } from './LocalFolderField';

const desktop: ShellCapabilities = { canPickFolder: true, canDragOut: true, canOpenPath: true, canRememberPassphrases: true };

function FolderForm() {
  const [value, setValue] = useState('');
  return <LocalFolderField label="Folder" value={value} onChange={setValue} />;
}

afterEach(cleanup);

describe('the folder that path completion lists', () => {
  it('is what was typed up to the last separator, on any system', () => {
    expect(typedFolder('/home/an')).toBe('/home/');
    expect(typedFolder('/')).toBe('/');
    expect(typedFolder('C:\\Users\\An')).toBe('C:\\Users\\');
    expect(typedFolder('Documents')).toBeNull();
  });
});

describe('a local folder field', () => {
  it('offers the system folder picker where the shell has one, and takes the chosen folder', async () => {
    const rendered = renderWithServices(<FolderForm />, { 'shell.capabilities': () => desktop, 'shell.pickFolder': () => ({ path: '/home/ann/Pictures' }) });
    fireEvent.click(await screen.findByRole('button', { name: 'Choose…' }));
    await act(async () => undefined);
    expect(rendered.callsTo('shell.pickFolder')).toEqual([{ title: 'Choose a folder' }]);
    expect((screen.getByLabelText('Folder') as HTMLInputElement).value).toBe('/home/ann/Pictures');
  });

  it('keeps what was typed when the picker is cancelled, and says why when it fails', async () => {
    let answer: () => unknown = () => ({ path: null });
    renderWithServices(<FolderForm />, { 'shell.capabilities': () => desktop, 'shell.pickFolder': () => answer() });
    fireEvent.change(screen.getByLabelText('Folder'), { target: { value: '/srv' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Choose…' }));
    await act(async () => undefined);
    expect((screen.getByLabelText('Folder') as HTMLInputElement).value).toBe('/srv');

    answer = () => {
      throw fakeError('INTERNAL', 'The folder picker could not open.');
    };
    fireEvent.click(screen.getByRole('button', { name: 'Choose…' }));
    expect(await screen.findByText('The folder picker could not open.')).toBeTruthy();
  });

  it('is a path field with completion alone in the browser build', async () => {
    const rendered = renderWithServices(<FolderForm />, { 'localFiles.list': () => [{ path: '/home/ann', name: 'ann', isDirectory: true, size: 0, mtime: null }] });
    fireEvent.change(screen.getByLabelText('Folder'), { target: { value: '/home/a' } });
    await act(async () => undefined);
    expect(rendered.callsTo('shell.capabilities')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Choose…' })).toBeNull();
    expect(document.querySelector('datalist option')?.getAttribute('value')).toBe('/home/ann');
  });
});
