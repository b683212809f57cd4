import { describe, expect, it } from 'vitest';

import { surfaceForForgeModule } from './ForgeSurface';

describe('surfaceForForgeModule', () => {
  it('maps each Forge module type to its surface', () => {
    expect(surfaceForForgeModule('jira:issuePanel')).toBe('assess');
    expect(surfaceForForgeModule('jira:issueGlance')).toBe('glance');
    expect(surfaceForForgeModule('jira:issueAction')).toBe('draft');
    expect(surfaceForForgeModule('jira:globalPage')).toBe('assistant');
    expect(surfaceForForgeModule('jira:adminPage')).toBe('admin');
  });

  it('knows no surface for other modules', () => {
    expect(surfaceForForgeModule('jira:projectPage')).toBeUndefined();
    expect(surfaceForForgeModule(undefined)).toBeUndefined();
  });
});
