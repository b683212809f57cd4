import './standup.css';

import { useState } from 'react';

import { TeamView } from './TeamView';
import { TodayView } from './TodayView';
import { useToday } from './useToday';
import { ViewTabs } from './ViewTabs';

export interface StandupViewProps {
  siteUrl?: string;
  /** The project the page is about (from the issue it was opened for), for the team view. */
  projectKey?: string;
}

type SubView = 'mine' | 'team';

const SUB_VIEWS = [
  { id: 'mine', label: 'Your stand-up' },
  { id: 'team', label: 'Team' },
] as const;

/**
 * The daily stand-up on the AI Assistant page: your own (the three questions, the comments to post,
 * the history) and the team's, with one polite live region for what was saved, posted or loaded.
 * Loaded lazily: the chat does not need it.
 */
export default function StandupView({ siteUrl, projectKey }: StandupViewProps) {
  const today = useToday();
  const [view, setView] = useState<SubView>('mine');
  const [teamAnnouncement, setTeamAnnouncement] = useState('');
  // The team view is mounted the first time it is opened, then kept (its project and result stay).
  const [teamOpened, setTeamOpened] = useState(false);
  const select = (next: SubView) => {
    setView(next);
    if (next === 'team') setTeamOpened(true);
  };

  return (
    <div className="standup-view" data-testid="standup-view">
      <div role="status" className="chat-visually-hidden" data-testid="standup-announcement">
        {view === 'mine' ? today.announcement : teamAnnouncement}
      </div>
      <div className="standup-column">
        <ViewTabs label="Stand-up" idPrefix="standup" tabs={SUB_VIEWS} selected={view} onSelect={select} testId="standup-tabs" />
        <div role="tabpanel" id="standup-panel-mine" aria-labelledby="standup-tab-mine" hidden={view !== 'mine'}>
          <TodayView model={today} siteUrl={siteUrl} />
        </div>
        <div role="tabpanel" id="standup-panel-team" aria-labelledby="standup-tab-team" hidden={view !== 'team'}>
          {teamOpened ? <TeamView projectKey={projectKey} onAnnounce={setTeamAnnouncement} /> : null}
        </div>
      </div>
    </div>
  );
}
