import { buildIntent } from '../src/intent/build.js';
import { createRenderer } from '../src/render/render.js';
import { loadSettings } from '../src/settings/load.js';
import { formatMeasurement, measure } from './measure.js';
import { syntheticState } from './synthetic-state.js';

/** Issue 2: 2,000 tenants × 50 floating IPs (100,000 static NATs) through intent + render. */
export async function benchRender(): Promise<void> {
  const settings = loadSettings({ repo: '/nonexistent', env: { INSIDE_INTERFACE: 'GigabitEthernet2', OUTSIDE_INTERFACE: 'GigabitEthernet1' } });
  for (const [tenants, perTenant] of [[20, 50], [200, 50], [2000, 50]] as const) {
    const state = syntheticState(tenants, perTenant);
    const renderer = createRenderer();
    const { result, m } = await measure(() => renderer.render(buildIntent(state, settings).routers[0]!));
    const lines = result.split('\n').length;
    console.log(formatMeasurement(`intent+render ${tenants}×${perTenant} (${lines} lines)`, m));
  }
}
