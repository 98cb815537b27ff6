/** A parsed IOS XE configuration: lines by indentation, as the device prints them. */

export interface ConfigNode {
  /** The line without its indentation and trailing whitespace. */
  text: string;
  /**
   * Lines indented under this one (a sub-mode's commands). parseConfig gives every line without any
   * one shared, frozen empty array: to change a tree, assign a new array, never push into it.
   */
  children: ConfigNode[];
  /** Original leading whitespace, kept only when it is not one space per level (for a faithful print). */
  indent?: string;
  /** A line that closes this sub-mode on its own (`exit-address-family`, a certificate's `quit`). */
  closer?: { text: string; indent?: string };
  /** Verbatim lines after a banner's first line, up to and including the closing delimiter. */
  body?: string[];
  /** A `! text` comment line (kept so hand-written files print back; never in scope). */
  comment?: true;
  /** 1-based line number in the source text, when parsed. */
  line?: number;
}

export interface ConfigTree {
  children: ConfigNode[];
  /** The text this tree was parsed from, when it was parsed. */
  source?: string;
}
