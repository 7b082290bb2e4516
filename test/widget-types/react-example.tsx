import { useEffect, useRef } from 'react';
import type { SemanticSearchAttributes } from '../../src/worker/ui/semantic-search.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'semantic-search': SemanticSearchAttributes & { ref?: React.Ref<HTMLElement> };
    }
  }
}

export function DocsSearch({ navigate }: { navigate: (url: string) => void }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const box = ref.current;
    const onSelect = (e: HTMLElementEventMap['semantic-search:select']) => {
      e.preventDefault(); // route inside the app instead of a full page load
      navigate(e.detail.url);
    };
    box?.addEventListener('semantic-search:select', onSelect);
    return () => box?.removeEventListener('semantic-search:select', onSelect);
  }, [navigate]);
  return <semantic-search ref={ref} variant="dialog" endpoint="https://YOUR-WORKER.workers.dev/search" filter="lang = en" button-label="Search the docs" />;
}
