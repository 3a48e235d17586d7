// What the control plane needs from the core engine: hubs live in the core, one source of truth,
// so hubs created through ARM are the hubs the gRPC data plane serves. Results may be sync or async.

export interface HubInfo {
  name: string;
  scheduler: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

export interface HubDirectory {
  createHub(name: string, options: { scheduler: string }): unknown;
  /** Deletes the hub with all its orchestrations and entities. */
  deleteHub(name: string): unknown;
  getHub(name: string): HubInfo | undefined | Promise<HubInfo | undefined>;
  listHubs(scheduler?: string): HubInfo[] | Promise<HubInfo[]>;
}
