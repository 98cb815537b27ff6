/**
 * A long procedure as named phases (deploy.ts, restore.ts): each phase is a small function that
 * does one thing and returns either the next phase or the end. Tests run one phase alone on a
 * prepared state and look at what it returned.
 */
export interface Phase<S, E> {
  readonly name: string;
  run(state: S): Promise<Step<S, E>>;
}

export type Step<S, E> = { readonly next: Phase<S, E> } | { readonly end: E };

/** Runs phases from `first` until one ends; a throw ends the walk (the caller decides what it means). */
export async function walk<S, E>(first: Phase<S, E>, state: S): Promise<E> {
  let phase = first;
  for (;;) {
    const step = await phase.run(state);
    if ('end' in step) return step.end;
    phase = step.next;
  }
}
