import {
  ASSIGNMENT_STATUSES,
  ASSIGNMENT_TRANSITIONS,
  assignmentSourcesOf,
  LISTED_ASSIGNMENT_STATUSES,
  OPEN_ASSIGNMENT_STATUSES,
} from './assignment-lifecycle';

describe('assignment lifecycle table', () => {
  it('is exactly pending → overdue | done | superseded | withdrawn, overdue → done | superseded | withdrawn, withdrawn → pending', () => {
    const allowed = Object.entries(ASSIGNMENT_TRANSITIONS).flatMap(([from, tos]) =>
      tos.map((to) => `${from}->${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'pending->overdue',
        'pending->done',
        'pending->superseded',
        'pending->withdrawn',
        'overdue->done',
        'overdue->superseded',
        'overdue->withdrawn',
        'withdrawn->pending',
      ].sort(),
    );
  });

  it('reads the sources of every state off the table', () => {
    expect(assignmentSourcesOf('pending')).toEqual(['withdrawn']);
    expect(assignmentSourcesOf('overdue')).toEqual(['pending']);
    expect(assignmentSourcesOf('done')).toEqual(['pending', 'overdue']);
    expect(assignmentSourcesOf('superseded')).toEqual(['pending', 'overdue']);
    expect(assignmentSourcesOf('withdrawn')).toEqual(['pending', 'overdue']);
    expect(OPEN_ASSIGNMENT_STATUSES).toEqual(['pending', 'overdue']);
  });

  it('has final states that lead nowhere', () => {
    for (const s of ASSIGNMENT_STATUSES) {
      const final = ASSIGNMENT_TRANSITIONS[s].length === 0;
      expect(final).toBe(s === 'done' || s === 'superseded');
    }
  });

  it('never lists withdrawn assignments to their user', () => {
    expect(LISTED_ASSIGNMENT_STATUSES).toEqual(['pending', 'overdue', 'done', 'superseded']);
  });
});
