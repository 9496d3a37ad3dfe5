import { NO_REPOS_CASE, TARGET, repoSummary } from '../../test/support/github/facts.js';
import type { CodeScanning } from '../../src/providers/github/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.repo.code-scanning.js';

const R = 'github:acme/api';
const NOW = new Date('2026-06-01T00:00:00Z');
const facts = (cs: Partial<CodeScanning>) => ({
  repos: answers([repoSummary('api')]),
  codeScanning: answers<CodeScanning>({ defaultSetup: 'not-configured', lastAnalysisAt: null, lastAnalysisTool: null, ...cs }),
});

checkTester(check, { target: TARGET, now: NOW }).run({
  'default setup configured passes': {
    facts: facts({ defaultSetup: 'configured' }),
    results: [{ resource: R, status: 'pass', messageId: 'defaultSetup', observed: { defaultSetup: 'configured' } }],
  },
  'an analysis of the default branch 10 days old passes': {
    facts: facts({ lastAnalysisAt: '2026-05-22T00:00:00Z', lastAnalysisTool: 'CodeQL' }),
    results: [{ resource: R, status: 'pass', messageId: 'recentAnalysis', observed: { ageDays: 10, tool: 'CodeQL' } }],
  },
  'an analysis older than the limit fails': {
    facts: facts({ lastAnalysisAt: '2026-03-01T00:00:00Z', lastAnalysisTool: 'Semgrep' }),
    results: [{ resource: R, status: 'fail', messageId: 'staleAnalysis', observed: { ageDays: 92, maxAnalysisAgeDays: 30 } }],
  },
  'the limit is a setting': {
    facts: facts({ lastAnalysisAt: '2026-03-01T00:00:00Z', lastAnalysisTool: 'Semgrep' }),
    settings: { maxAnalysisAgeDays: 120 },
    results: [{ resource: R, status: 'pass', messageId: 'recentAnalysis' }],
  },
  'not configured and never analysed fails': {
    facts: facts({}),
    results: [{ resource: R, status: 'fail', messageId: 'notScanned', observed: { defaultSetup: 'not-configured' } }],
  },
  'unavailable (no Advanced Security) fails': {
    facts: facts({ defaultSetup: 'unavailable' }),
    results: [{ resource: R, status: 'fail', messageId: 'notScanned', message: 'unavailable' }],
  },
  'an analysis date that is not a date is missing data': {
    facts: facts({ lastAnalysisAt: 'yesterday' }),
    results: [{ resource: R, status: 'error', messageId: 'missingData', message: 'yesterday' }],
  },
  'a token without the repo scope is not collected, naming it': {
    facts: { repos: answers([repoSummary('api')]), codeScanning: failing({ permission: 'the repo scope' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'the repo scope' }],
  },
  'no repository in scope': NO_REPOS_CASE,
});
