import type { APIRequestContext } from "@playwright/test";

/** truenas_sim::DEFAULT_API_KEY: the key every simulated NAS accepts. */
export const SIM_KEY = "1-simulatorsimulatorsimulatorsimulatorsimulatorsimulatorsimulat";

type ConnectionView = { id: string; name: string; host: string; port: number };

/** The address of one of the demo's simulated NAS, read from the server. */
export async function demoNas(request: APIRequestContext, name: string) {
  const response = await request.get("/api/truenas/connections");
  if (!response.ok()) throw new Error(`listing connections answered ${response.status()}`);
  const found = ((await response.json()) as ConnectionView[]).find((c) => c.name === name);
  if (!found) throw new Error(`no demo connection named ${name}`);
  return found;
}
