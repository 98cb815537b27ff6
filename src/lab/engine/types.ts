/** What the CLI answers to one line: text, and possibly a question that waits for the next line. */
export interface Reply {
  /** Lines separated by '\n'; the terminal adds CR and the prompt. */
  output: string;
  question?: LabQuestion;
  /** The line was refused (an error message, nothing applied). */
  rejected?: boolean;
  /** The word at this index is not valid here: printed as an invalid-input caret. */
  invalidWord?: number;
  /** The session ends after this output (`exit` at EXEC level). */
  close?: boolean;
}

/** A question the device asks (`[no]:`, `Password:`, `Destination filename [startup-config]?`). */
export interface LabQuestion {
  /** Printed without a newline; the answer is the next line typed. */
  prompt: string;
  /** The answer is not echoed (passwords). */
  secret?: boolean;
  answer(text: string): Reply;
}

export type ModeName =
  | 'exec'
  | 'config'
  | 'config-if'
  | 'config-subif'
  | 'config-vrf'
  | 'config-ipvrf'
  | 'config-vrf-af'
  | 'config-std-nacl'
  | 'config-ext-nacl'
  | 'config-route-map'
  | 'config-archive';

/** What the prompt shows for a mode where it differs from the name (`ip vrf` prompts `(config-vrf)` too). */
export const PROMPT_NAMES: Partial<Record<ModeName, string>> = { 'config-ipvrf': 'config-vrf' };

/** Where a session is: the mode and the object the sub-mode edits (interface, VRF, ACL or route-map key). */
export interface ModeFrame {
  mode: ModeName;
  target?: string;
}
