import { z } from 'zod';
import type { DockerState } from './types.js';

/** DockerState read back from a file (--state, state.json): checked before intent sees it. */
const labels = z.record(z.string(), z.string());

export const dockerStateSchema = z.looseObject({
  networks: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      driver: z.string(),
      subnet: z.string().nullable(),
      gateway: z.string().nullable(),
      parent: z.string().nullable(),
      labels,
      created: z.string(),
    }),
  ),
  containers: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      created: z.string(),
      running: z.boolean(),
      labels,
      addresses: z.record(z.string(), z.string()),
    }),
  ),
}) satisfies z.ZodType<DockerState>;
