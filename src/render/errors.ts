/** A render that cannot be done: the message says why and what to change; nothing is written. */
export class RenderError extends Error {
  override name = 'RenderError';
}
