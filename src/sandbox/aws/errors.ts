/**
 * Errors a handler throws; each protocol renders them in its own wire shape
 * (Query `<ErrorResponse>`, S3 `<Error>`, JSON `__type`). Denial and
 * throttling carry no code: the protocol knows what its service calls them.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra elements or fields some errors carry (S3 `BucketName`, `Endpoint`; headers). */
    readonly extra: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class Denied extends Error {
  constructor(
    readonly action: string,
    readonly resource: string,
    readonly callerArn: string,
  ) {
    super(
      `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
    );
  }
}

export class Throttled extends Error {
  constructor() {
    super('Rate exceeded');
  }
}
