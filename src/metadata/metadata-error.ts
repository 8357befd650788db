// A refused instance or task operation, with the HTTP status /_iam/instances and /_iam/tasks answer
// it with. Its own module: the start command tells it apart without loading the registry.
export class MetadataError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
