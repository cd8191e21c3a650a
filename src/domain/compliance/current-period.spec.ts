import { WindowKind } from '../../common/agreement-enums';
import { type ComplianceReport } from './compliance.service';
import { currentStanding, granularityOfWindow } from './current-period';

describe('granularityOfWindow', () => {
  it.each([
    [WindowKind.CALENDAR_MONTH, 'MONTH'],
    [WindowKind.CALENDAR_QUARTER, 'QUARTER'],
    [WindowKind.CALENDAR_YEAR, 'YEAR'],
    [WindowKind.ROLLING_DAYS, 'MONTH'], // rolling windows are shown by calendar month
  ])('%s -> %s', (kind, granularity) => {
    expect(granularityOfWindow(kind)).toBe(granularity);
  });
});

describe('currentStanding', () => {
  const objective = (id: string) => ({ objective: { id }, status: 'MET' });
  const report = (revisionId: string | null, objectiveIds: string[]) =>
    ({ agreementId: 'a', terminationRight: null, periods: [{ revision: revisionId ? { id: revisionId } : null, objectives: objectiveIds.map(objective) }] }) as unknown as ComplianceReport;

  it('is the objective of the period while its revision is the one in force', () => {
    expect(currentStanding(report('r2', ['o1', 'o2']), 'r2', 'o2')).toEqual(objective('o2'));
  });

  it.each([
    ['the period is judged against another revision (a superseded or a future one)', report('r3', ['o1']), 'r2', 'o1'],
    ['no revision is in force in the period', report(null, []), 'r2', 'o1'],
    ['the revision in force has no such objective', report('r2', ['o1']), 'r2', 'o9'],
    ['there is no report (agreement not visible)', null, 'r2', 'o1'],
    ['the report has no period', { agreementId: 'a', terminationRight: null, periods: [] } as unknown as ComplianceReport, 'r2', 'o1'],
  ])('is null when %s', (_why, r, revisionId, objectiveId) => {
    expect(currentStanding(r, revisionId, objectiveId)).toBeNull();
  });
});
