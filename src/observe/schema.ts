import type { z } from 'zod';
import { once, zod } from '../lazy.js';
import { REJECTION_CODES } from '../intent/reasons.js';
import { SOURCE_REJECTION_CODES } from './reasons.js';
import type { DockerState } from './types.js';

/** DockerState read back from a file (--state, state.json): checked before intent sees it. Built on first use (src/lazy.ts). */
export const dockerStateSchema = once(() => {
  const { z } = zod();
  const labels = z.record(z.string(), z.string());

  return z.looseObject({
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
        hosts: z.array(z.string()).exactOptional(),
        stale: z.boolean().exactOptional(),
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
        host: z.string().exactOptional(),
        service: z.string().exactOptional(),
        stale: z.boolean().exactOptional(),
      }),
    ),
    sourceRejections: z
      .array(
        z.looseObject({
          kind: z.enum(['network', 'container', 'router']),
          object: z.string(),
          router: z.string().exactOptional(),
          code: z.enum([...REJECTION_CODES, ...SOURCE_REJECTION_CODES]),
          reason: z.string(),
        }),
      )
      .exactOptional(),
    unreachable: z.array(z.string()).exactOptional(),
  }) satisfies z.ZodType<DockerState>;
});
