import { describe, expect, it } from 'vitest';
import { after, before } from '../../test/helpers/drift-runs.js';
import { diffRuns, driftLine } from './diff.js';

describe('diff of two runs', () => {
  it('lists, per check, what newly fails, what was fixed, what newly errors, and resources that appeared or disappeared', () => {
    const d = diffRuns(before, after);
    expect(d.checks).toEqual([
      {
        checkId: 'aws.s3.versioning',
        newlyFailing: ['b1', 'new'],
        fixed: ['b2'],
        newlyErroring: [],
        appeared: ['new'],
        disappeared: ['gone'],
      },
      { checkId: 'tls.hsts', newlyFailing: [], fixed: [], newlyErroring: ['t1'], appeared: [], disappeared: [] },
    ]);
    expect(d.totals).toEqual({ newlyFailing: 2, fixed: 1, newlyErroring: 1, appeared: 1, disappeared: 1, regressedControls: 1 });
  });

  it('lists per control the status change and the checks behind it; a move from pass to error is a regression', () => {
    expect(diffRuns(before, after).controls).toEqual([
      { id: 'A.8.13', title: 'control A.8.13', from: 'fail', to: 'fail', regressed: false, checks: ['aws.s3.versioning'] },
      { id: 'A.8.24', title: 'control A.8.24', from: 'pass', to: 'error', regressed: true, checks: ['tls.hsts'] },
    ]);
  });

  it('is empty between identical runs, and says so in one line', () => {
    const d = diffRuns(before, { ...before, runId: 'B' });
    expect(d.checks).toEqual([]);
    expect(d.controls).toEqual([]);
    expect(driftLine(d)).toBe('Drift since A: 0 newly failing, 0 fixed, 0 newly erroring; no control regressed');
    expect(driftLine(diffRuns(before, after))).toBe(
      'Drift since A: 2 newly failing, 1 fixed, 1 newly erroring, 1 resources appeared, 1 disappeared; controls regressed: A.8.24',
    );
  });
});
