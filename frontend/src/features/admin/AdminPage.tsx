import Heading from '@atlaskit/heading';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import type { ComponentType } from 'react';

import { FeaturesSection } from './FeaturesSection';
import { AuditSection } from './audit/AuditSection';
import { UsageSection } from './usage/UsageSection';
import { ModelSection } from './ModelSection';

/** One section of the admin page; each renders its own h2. */
export interface AdminSection {
  id: string;
  Component: ComponentType;
}

/** The admin page's sections, in order: add one (e.g. usage, audit) with one line here. */
export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { id: 'model', Component: ModelSection },
  { id: 'features', Component: FeaturesSection },
  { id: 'usage', Component: UsageSection },
  { id: 'audit', Component: AuditSection },
];

export interface AdminPageProps {
  sections?: readonly AdminSection[];
}

/** "AI Assistant settings": what a Jira admin sets for the site, one section after another. */
export function AdminPage({ sections = ADMIN_SECTIONS }: AdminPageProps) {
  return (
    <Stack space="space.300" testId="admin-page">
      <Heading size="large" as="h1">
        AI Assistant settings
      </Heading>
      {sections.map(({ id, Component }) => (
        <Component key={id} />
      ))}
    </Stack>
  );
}
