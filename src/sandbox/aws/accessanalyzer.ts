import { AwsError } from './errors.js';
import { restAnswer, restErrors, restInput, restOperation, restPage } from './rest-json.js';
import type { ServiceHandler } from './server.js';
import { textOf } from '../../core/text.js';

/**
 * IAM Access Analyzer (REST-JSON): ListAnalyzers (optionally by `type`) and
 * ListFindings of one analyzer, filtered by `status`. Instants are ISO 8601
 * (the service's date-time format).
 */
type Criterion = { eq?: string[]; neq?: string[] };

export function accessAnalyzerService(): ServiceHandler {
  return {
    service: 'accessanalyzer',
    operation: restOperation({ 'GET /analyzer': 'ListAnalyzers', 'POST /finding': 'ListFindings' }),
    renderError: restErrors(),
    handle(op, req, ctx) {
      const data = ctx.caller.account.data;
      const created = ctx.caller.account.created.toISOString();
      if (op === 'ListAnalyzers') {
        ctx.authorize('access-analyzer:ListAnalyzers');
        const type = req.query.get('type');
        const mine = data.analyzers.filter((a) => a.region === req.region && (!type || a.type === type));
        const pg = restPage(mine, op, req.query.get('maxResults') ?? undefined, req.query.get('nextToken'), { max: 1000, fallback: 100 });
        return restAnswer(req, {
          analyzers: pg.items.map((a) => ({ arn: a.arn, name: a.name, type: a.type, status: a.status, createdAt: created, tags: {} })),
          nextToken: pg.next,
        });
      }
      const input = restInput(req);
      const analyzer = data.analyzers.find((a) => a.arn === input.analyzerArn && a.region === req.region);
      ctx.authorize('access-analyzer:ListFindings', textOf(input.analyzerArn ?? '*'));
      if (!analyzer) throw new AwsError('ResourceNotFoundException', `Analyzer ${String(input.analyzerArn)} not found`, 404);
      const filter = (input.filter ?? {}) as Record<string, Criterion>;
      for (const key of Object.keys(filter))
        if (key !== 'status') throw new AwsError('ValidationException', `The sandbox does not evaluate the filter ${key}`);
      const status = filter.status;
      const found = analyzer.findings.filter(
        (f) => (!status?.eq || status.eq.includes(f.status)) && (!status?.neq || !status.neq.includes(f.status)),
      );
      const pg = restPage(found, op, input.maxResults, input.nextToken, { max: 1000, fallback: 100 });
      return restAnswer(req, {
        findings: pg.items.map((f) => ({
          id: f.id,
          principal: { AWS: f.principal },
          action: ['s3:GetObject'],
          resource: f.resource,
          isPublic: f.public,
          resourceType: f.resourceType,
          condition: {},
          createdAt: created,
          analyzedAt: ctx.world.now.toISOString(),
          updatedAt: ctx.world.now.toISOString(),
          status: f.status,
          resourceOwnerAccount: ctx.caller.account.id,
        })),
        nextToken: pg.next,
      });
    },
  };
}
