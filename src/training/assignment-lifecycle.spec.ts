import {
  ASSIGNMENT_STATUSES,
  ASSIGNMENT_TRANSITIONS,
  assignmentSourcesOf,
  OPEN_ASSIGNMENT_STATUSES,
} from './assignment-lifecycle';

describe('assignment lifecycle table', () => {
  it('is exactly pending → overdue | done | superseded, overdue → done | superseded', () => {
    const allowed = Object.entries(ASSIGNMENT_TRANSITIONS).flatMap(([from, tos]) =>
      tos.map((to) => `${from}->${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'pending->overdue',
        'pending->done',
        'pending->superseded',
        'overdue->done',
        'overdue->superseded',
      ].sort(),
    );
  });

  it('reads the sources of every state off the table', () => {
    expect(assignmentSourcesOf('pending')).toEqual([]);
    expect(assignmentSourcesOf('overdue')).toEqual(['pending']);
    expect(assignmentSourcesOf('done')).toEqual(['pending', 'overdue']);
    expect(assignmentSourcesOf('superseded')).toEqual(['pending', 'overdue']);
    expect(OPEN_ASSIGNMENT_STATUSES).toEqual(['pending', 'overdue']);
  });

  it('has final states that lead nowhere', () => {
    for (const s of ASSIGNMENT_STATUSES) {
      const final = ASSIGNMENT_TRANSITIONS[s].length === 0;
      expect(final).toBe(s === 'done' || s === 'superseded');
    }
  });
});
