import { EmptyState, PageFrame } from '../components/PageFrame';
import { strings } from '../app/strings';

type EmptyPageId = 'sources' | 'stores' | 'snapshots' | 'restore' | 'plans' | 'activity';

/** A page whose feature has not landed yet: its title and what will appear there. */
export function EmptyPage({ page }: { page: EmptyPageId }) {
  const text = strings.pages[page];
  return (
    <PageFrame title={text.title}>
      <EmptyState>{text.empty}</EmptyState>
    </PageFrame>
  );
}
