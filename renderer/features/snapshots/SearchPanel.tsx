import { useState, type FormEvent } from 'react';
import { searchQuerySchema, type SearchQuery } from '../../../shared/types/snapshots';
import { useAppServices, useAppState } from '../../app/context';
import { strings } from '../../app/strings';
import { Field } from '../../components/Field';
import { SearchResults } from './SearchResults';

const text = strings.snapshots.search;
const mebibyte = 1024 * 1024;

interface Form {
  readonly name: string;
  readonly folder: string;
  readonly minMiB: string;
  readonly maxMiB: string;
  readonly from: string;
  readonly to: string;
  readonly isAllStores: boolean;
}

const emptyForm: Form = { name: '', folder: '', minMiB: '', maxMiB: '', from: '', to: '', isAllStores: false };

/** The form's fields as a search query: empty fields are left out, sizes in MiB, dates as whole local days. */
export function toQuery(form: Form): SearchQuery {
  const size = (value: string): number | undefined => (value.trim() === '' ? undefined : Math.round(Number(value) * mebibyte));
  const day = (value: string, end: boolean): string | undefined => (value ? new Date(`${value}T${end ? '23:59:59' : '00:00:00'}`).toISOString() : undefined);
  const query: SearchQuery = {
    name: form.name.trim() || undefined,
    pathPrefix: form.folder.trim() || undefined,
    minSize: size(form.minMiB),
    maxSize: size(form.maxMiB),
    modifiedFrom: day(form.from, false),
    modifiedTo: day(form.to, true),
  };
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as SearchQuery;
}

/** Search across the snapshots of this store, or of every open store: by name, folder, size and date. */
export function SearchPanel({ storeId }: { storeId: string }) {
  const search = useAppServices().search;
  const status = useAppState('search', (state) => state.status);
  const [form, setForm] = useState<Form>(emptyForm);
  const [problem, setProblem] = useState<string | null>(null);
  const change = (changes: Partial<Form>): void => setForm((current) => ({ ...current, ...changes }));

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const query = toQuery(form);
    if (!searchQuerySchema.safeParse(query).success) {
      setProblem(text.needSomething);
      return;
    }
    setProblem(null);
    void search.getState().search(query, form.isAllStores ? null : storeId);
  };

  return (
    <div className="search">
      <form role="search" aria-label={text.label} className="stack" onSubmit={submit}>
        <div className="input-row">
          <Field label={text.name} hint={text.nameHint} error={problem}>
            {(control) => <input {...control} type="search" placeholder={text.namePlaceholder} value={form.name} onChange={(event) => change({ name: event.target.value })} />}
          </Field>
          <Field label={text.scope}>
            {(control) => (
              <select {...control} value={form.isAllStores ? 'all' : 'this'} onChange={(event) => change({ isAllStores: event.target.value === 'all' })}>
                <option value="this">{text.thisStore}</option>
                <option value="all">{text.allStores}</option>
              </select>
            )}
          </Field>
          <button type="submit" className="primary" disabled={status === 'loading'}>
            {status === 'loading' ? text.searching : text.submit}
          </button>
        </div>
        <details>
          <summary>{text.more}</summary>
          <div className="field-grid">
            <Field label={text.folder}>{(control) => <input {...control} type="text" placeholder={text.folderPlaceholder} value={form.folder} onChange={(event) => change({ folder: event.target.value })} />}</Field>
            <Field label={text.minSize}>{(control) => <input {...control} type="number" min={0} step="any" value={form.minMiB} onChange={(event) => change({ minMiB: event.target.value })} />}</Field>
            <Field label={text.maxSize}>{(control) => <input {...control} type="number" min={0} step="any" value={form.maxMiB} onChange={(event) => change({ maxMiB: event.target.value })} />}</Field>
            <Field label={text.modifiedFrom}>{(control) => <input {...control} type="date" value={form.from} onChange={(event) => change({ from: event.target.value })} />}</Field>
            <Field label={text.modifiedTo}>{(control) => <input {...control} type="date" value={form.to} onChange={(event) => change({ to: event.target.value })} />}</Field>
          </div>
        </details>
      </form>
      <SearchResults />
    </div>
  );
}
