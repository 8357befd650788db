// The simulated instances and container tasks of one server, their listeners, and how a request
// on the main port finds its instance or task by the client's address. Instances and tasks live in
// memory with their listeners; closing the server closes every listener.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Services } from '../context.js';
import { DroppedSockets, toMetaRequest, writeResponse, type MetaRequest, type MetaResponse } from './http.js';
import { imdsErrorPage } from './html.js';
import { handleImds } from './imds.js';
import { InstanceOptionsError, SimulatedInstance } from './instance.js';
import { cannotAssume, ContainerTask, ECS_PATH_PREFIX, EKS_PATH, TaskOptionsError, taskCredentials, unknownTask } from './container.js';
import { ECS_TASKS_SERVICE, EKS_PODS_SERVICE, serviceMayAssume } from './service-trust.js';
import { iamArn } from '../arn.js';
import { isLoopbackHost } from '../config.js';
import { AllowedHosts, isLoopbackPeer } from '../allowed-hosts.js';

import { MetadataError } from './metadata-error.js';

export { MetadataError };

const states = new WeakMap<Services, MetadataRegistry>();

/** The one registry of a server (created on first use). */
export function metadataRegistry(services: Services): MetadataRegistry {
  let r = states.get(services);
  if (!r) {
    r = new MetadataRegistry(services);
    states.set(services, r);
  }
  return r;
}

const internalError = (): MetaResponse => ({
  status: 500,
  headers: { server: 'EC2ws', 'content-type': 'text/html' },
  body: imdsErrorPage(500),
});

export class MetadataRegistry {
  private readonly instances = new Map<string, SimulatedInstance>();
  private readonly tasks = new Map<string, ContainerTask>();
  /** Instances' own listeners answer the server's names only (DNS rebinding). */
  private readonly hosts: AllowedHosts;
  private defaultInstance: SimulatedInstance | undefined;
  readonly dropped = new DroppedSockets();

  constructor(private readonly services: Services) {
    this.hosts = new AllowedHosts(services.config);
  }

  // ---- instances ----

  /** The main port's own instance (IAM_LOCAL_INSTANCE_PROFILE), answering only `clients`
   *  (IAM_LOCAL_INSTANCE_CLIENTS); its profile may come later. */
  setDefaultInstance(instanceProfileName: string, clients: string[]) {
    let inst: SimulatedInstance;
    try {
      inst = new SimulatedInstance(this.services, { instanceProfileName, clientAddresses: clients }, true);
    } catch (e) {
      if (e instanceof InstanceOptionsError) throw new MetadataError(400, `IAM_LOCAL_INSTANCE_CLIENTS: ${e.message.replace(/^clientAddresses /, '')}`);
      throw e;
    }
    this.defaultInstance = inst;
    this.instances.set(inst.instanceId, inst);
    return inst;
  }

  async createInstance(body: unknown, host: string): Promise<SimulatedInstance> {
    let inst: SimulatedInstance;
    try {
      inst = new SimulatedInstance(this.services, body);
    } catch (e) {
      if (e instanceof InstanceOptionsError) throw new MetadataError(400, e.message);
      throw e;
    }
    if (this.instances.has(inst.instanceId))
      throw new MetadataError(409, `An instance with id ${inst.instanceId} is already running.`);
    const profile = this.services.store.instanceProfiles.get(inst.accountId, inst.instanceProfileName);
    if (!profile)
      throw new MetadataError(
        404,
        `Instance profile ${inst.instanceProfileName} does not exist in account ${inst.accountId}.`,
      );
    inst.instanceProfileId = profile.id;
    const server = createServer((req, res) =>
      this.serveInstancePort(inst, req, res).catch((err) => {
        this.services.log.error({ err }, 'instance metadata request failed');
        if (!res.headersSent) writeResponse(req, res, internalError(), this.dropped);
      }),
    );
    server.keepAliveTimeout = 1000;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(inst.requestedPort ?? 0, inst.listenAddress ?? host, () => resolve());
      });
    } catch (e: any) {
      throw new MetadataError(409, `Cannot listen on port ${inst.requestedPort ?? 0}: ${e?.code ?? e?.message ?? e}`);
    }
    const port = (server.address() as AddressInfo).port;
    host = inst.listenAddress ?? host;
    const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    inst.server = server;
    inst.endpoint = `http://${shownHost}:${port}`;
    this.instances.set(inst.instanceId, inst);
    return inst;
  }

  modifyInstance(id: string, body: unknown): SimulatedInstance {
    const inst = this.instances.get(id);
    if (!inst) throw new MetadataError(404, `No running instance ${id}.`);
    try {
      inst.modifyMetadataOptions(body);
    } catch (e) {
      if (e instanceof InstanceOptionsError) throw new MetadataError(400, e.message);
      throw e;
    }
    return inst;
  }

  listInstances(): SimulatedInstance[] {
    return [...this.instances.values()];
  }

  getInstance(id: string) {
    return this.instances.get(id);
  }

  async stopInstance(id: string): Promise<boolean> {
    const inst = this.instances.get(id);
    if (!inst) return false;
    this.instances.delete(id);
    if (this.defaultInstance === inst) this.defaultInstance = undefined;
    await closeServer(inst);
    return true;
  }

  /** The instance a main-port request belongs to, and how many hops away its client is. */
  async instanceForClient(ip: string): Promise<{ instance: SimulatedInstance; hops: number } | undefined> {
    const all = this.listInstances();
    for (const instance of all) if (instance.clientAddresses.matchesDirect(ip)) return { instance, hops: 1 };
    for (const instance of all) if (instance.bridgedAddresses.matchesDirect(ip)) return { instance, hops: 2 };
    for (const instance of all) if (await instance.clientAddresses.matchesByName(ip)) return { instance, hops: 1 };
    for (const instance of all) if (await instance.bridgedAddresses.matchesByName(ip)) return { instance, hops: 2 };
    // No fallback: the default instance answers only its own clients (IAM_LOCAL_INSTANCE_CLIENTS).
    return undefined;
  }

  /**
   * How many hops away a client of an instance's own listener is, or undefined when the instance
   * does not answer it: only the addresses it is bound to (clientAddresses, bridgedAddresses) —
   * and, for an instance bound to no client address on a server that listens on loopback only,
   * this machine's loopback (the instance is then this machine, as the README's flow uses it).
   */
  private async ownClientHops(inst: SimulatedInstance, ip: string): Promise<number | undefined> {
    if (inst.clientAddresses.matchesDirect(ip)) return 1;
    if (inst.bridgedAddresses.matchesDirect(ip)) return 2;
    if (inst.clientAddresses.isEmpty && isLoopbackHost(this.services.config.host) && isLoopbackPeer(ip)) return 1;
    // Names last, and only when there are any: resolving is the slow part.
    if (inst.clientAddresses.hasNames && (await inst.clientAddresses.matchesByName(ip))) return 1;
    if (inst.bridgedAddresses.hasNames && (await inst.bridgedAddresses.matchesByName(ip))) return 2;
    return undefined;
  }

  private async serveInstancePort(inst: SimulatedInstance, req: IncomingMessage, res: ServerResponse) {
    const mreq = toMetaRequest(req);
    const hops = this.hosts.allows(req.headers.host) ? await this.ownClientHops(inst, mreq.clientIp) : undefined;
    const out: MetaResponse =
      hops === undefined
        ? { status: 403, headers: { server: 'EC2ws', 'content-type': 'text/html' }, body: imdsErrorPage(403) }
        : this.safely(() => handleImds({ services: this.services, instance: inst, hops, servesRoot: true }, mreq));
    writeResponse(req, res, out, this.dropped);
  }

  /** /latest/… on the main port: the instance bound to the client's address (the default instance
   *  included, through IAM_LOCAL_INSTANCE_CLIENTS), else 404. */
  async serveMainPortImds(req: IncomingMessage, res: ServerResponse) {
    const mreq = toMetaRequest(req);
    const found = await this.instanceForClient(mreq.clientIp);
    const out: MetaResponse = found
      ? this.safely(() => handleImds({ services: this.services, instance: found.instance, hops: found.hops, servesRoot: false }, mreq))
      : { status: 404, headers: { server: 'EC2ws', 'content-type': 'text/html' }, body: imdsErrorPage(404) };
    writeResponse(req, res, out, this.dropped);
  }

  // ---- tasks ----

  createTask(body: unknown): ContainerTask {
    let task: ContainerTask;
    try {
      task = new ContainerTask(this.services, body);
    } catch (e) {
      if (e instanceof TaskOptionsError) throw new MetadataError(400, e.message);
      throw e;
    }
    if (this.tasks.has(task.taskId)) throw new MetadataError(409, `A task with id ${task.taskId} already exists.`);
    const role = this.services.store.roles.get(task.accountId, task.roleName);
    if (!role) throw new MetadataError(404, `The role with name ${task.roleName} cannot be found in account ${task.accountId}.`);
    // Like RunTask: the role must trust the service that will assume it (ECS tasks or EKS pods).
    const now = this.services.clock.now();
    if (!serviceMayAssume(role, ECS_TASKS_SERVICE, now) && !serviceMayAssume(role, EKS_PODS_SERVICE, now))
      throw new MetadataError(400, cannotAssume('ecs', iamArn(role.account_id, 'role', role.path, role.name)));
    this.tasks.set(task.taskId, task);
    return task;
  }

  listTasks(): ContainerTask[] {
    return [...this.tasks.values()];
  }

  stopTask(id: string): boolean {
    return this.tasks.delete(id);
  }

  private async taskByAddress(ip: string): Promise<ContainerTask | undefined> {
    const all = this.listTasks();
    for (const t of all) if (t.clientAddresses.matchesDirect(ip)) return t;
    for (const t of all) if (await t.clientAddresses.matchesByName(ip)) return t;
    return undefined;
  }

  /**
   * /v2/credentials/ID (ECS): the task with that id, else the task bound to the client's address
   * (a compose container whose relative URI is any /v2/credentials/… path). /v1/credentials (EKS
   * Pod Identity): the task whose token the Authorization header carries, else the bound task.
   */
  async serveContainerCredentials(req: IncomingMessage, res: ServerResponse) {
    const mreq = toMetaRequest(req);
    let out: MetaResponse;
    if (mreq.method !== 'GET' && mreq.method !== 'HEAD') {
      out = { status: 405, headers: { 'content-type': 'application/json', allow: 'GET, HEAD' }, body: '{"code":"MethodNotAllowed"}' };
    } else if (mreq.path.startsWith(ECS_PATH_PREFIX)) {
      const id = decodeURIComponent(mreq.path.slice(ECS_PATH_PREFIX.length));
      const task = this.tasks.get(id) ?? (await this.taskByAddress(mreq.clientIp));
      out = task ? this.safelyJson(() => taskCredentials(this.services, task, 'ecs', mreq)) : unknownTask();
    } else {
      const task = this.taskByToken(mreq) ?? (await this.taskByAddress(mreq.clientIp));
      out = task
        ? this.safelyJson(() => taskCredentials(this.services, task, 'eks', mreq))
        : { status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Code: 'AccessDenied', Message: 'No task has the token the Authorization header carries.' }) };
    }
    writeResponse(req, res, out, this.dropped);
  }

  private taskByToken(req: MetaRequest): ContainerTask | undefined {
    const got = req.headers.authorization;
    if (typeof got !== 'string') return undefined;
    return this.listTasks().find((t) => t.authorizationToken !== undefined && t.authorizationToken === got);
  }

  // ---- lifecycle ----

  async closeAll() {
    this.dropped.destroyAll();
    const all = this.listInstances();
    this.instances.clear();
    this.tasks.clear();
    this.defaultInstance = undefined;
    await Promise.all(all.map(closeServer));
  }

  private safely(fn: () => MetaResponse): MetaResponse {
    try {
      return fn();
    } catch (err) {
      this.services.log.error({ err }, 'instance metadata request failed');
      return internalError();
    }
  }

  private safelyJson(fn: () => MetaResponse): MetaResponse {
    try {
      return fn();
    } catch (err) {
      this.services.log.error({ err }, 'container credentials request failed');
      return { status: 500, headers: { 'content-type': 'application/json' }, body: '{"Code":"InternalError","Message":"An internal error occurred."}' };
    }
  }
}

async function closeServer(inst: SimulatedInstance) {
  const server = inst.server;
  if (!server) return;
  inst.server = undefined;
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export { ECS_PATH_PREFIX, EKS_PATH };
export type { MetaRequest };
