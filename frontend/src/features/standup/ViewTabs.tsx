import { useRef, type KeyboardEvent } from 'react';

export interface ViewTab<T extends string> {
  id: T;
  label: string;
}

export interface ViewTabsProps<T extends string> {
  /** The tab list's accessible name. */
  label: string;
  /** Ids of the tabs and their panels are `${idPrefix}-tab-${id}` and `${idPrefix}-panel-${id}`. */
  idPrefix: string;
  tabs: ReadonlyArray<ViewTab<T>>;
  selected: T;
  onSelect: (id: T) => void;
  testId?: string;
}

/**
 * Tabs as the ARIA pattern has them (no Atlaskit tabs package is installed): one tab in the Tab
 * order, arrow keys, Home and End move between them and select, the panel is named by its tab.
 */
export function ViewTabs<T extends string>({ label, idPrefix, tabs, selected, onSelect, testId }: ViewTabsProps<T>) {
  const refs = useRef(new Map<T, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = tabs.length - 1;
    const next =
      event.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : undefined;
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[next];
    onSelect(tab.id);
    refs.current.get(tab.id)?.focus();
  };

  return (
    <div role="tablist" aria-label={label} className="view-tabs" data-testid={testId}>
      {tabs.map((tab, index) => (
        <button
          key={tab.id}
          ref={(element) => {
            if (element) refs.current.set(tab.id, element);
            else refs.current.delete(tab.id);
          }}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${tab.id}`}
          aria-controls={`${idPrefix}-panel-${tab.id}`}
          aria-selected={tab.id === selected}
          tabIndex={tab.id === selected ? 0 : -1}
          className="view-tab"
          onClick={() => onSelect(tab.id)}
          onKeyDown={(event) => onKeyDown(event, index)}
          data-testid={testId ? `${testId}-${tab.id}` : undefined}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
