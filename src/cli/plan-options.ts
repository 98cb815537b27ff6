/** What `translator plan` takes (definitions/plan.ts defines it; commands/plan.ts and plan-online.ts run it). */
export const PLAN_FORMATS = ['text', 'diff', 'json', 'markdown'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export interface PlanOptions {
  running?: string;
  config?: string;
  intended?: string;
  repo?: string;
  router?: string;
  format?: string;
  detailedExitcode?: boolean;
  adopt: string[];
  marker?: string;
  prefix?: string;
  inside?: string;
  outside?: string;
}

/** The options of the online form (plan-online.ts). */
export interface OnlineOptions {
  all?: boolean;
  ref?: string;
  acceptNewHostKey?: boolean;
  fromRecords?: boolean;
}
