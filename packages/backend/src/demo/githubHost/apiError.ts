/** A GitHub API error answer: thrown by the host's state and routes, answered as GitHub's JSON error. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** GitHub's 422 with its `errors` list. */
export const validationFailed = (...errors: Array<Record<string, unknown>>) => new ApiError(422, 'Validation Failed', { errors });
