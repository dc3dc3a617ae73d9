/**
 * What Asterisk names, found in ccwall's directory: a queue → the channel whose `asterisk.queue`
 * it is; a queue member's interface → its user; a device address → the devices at it. Built from
 * the hub's state and rebuilt when the directory changes (a lookup that misses rebuilds, at most
 * once a second when nothing else changed; a hit is checked against the current entity, so a
 * renamed queue or a moved address is never used stale).
 *
 * A member is matched, in order, by its `Interface` or `StateInterface` equal to a device's
 * `address` (case does not matter), then by the extension in a FreePBX-style interface
 * (`Local/6941@from-queue/n`, `hint:6941@ext-local`) or a plain `PJSIP/6941` equal to a user's
 * `extension`.
 */
import type { CenterState } from '../../../domain/index.js';
import type { Channel, Device } from '../../../protocol/index.js';

const REBUILD_MIN_MS = 1_000;

export class DirectoryIndex {
  private queues = new Map<string, string>();
  private addresses = new Map<string, string[]>();
  private extensions = new Map<string, string>();
  private builtFrom: CenterState | undefined;
  private fingerprint = '';
  private builtAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly state: () => CenterState,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The queue channel an Asterisk queue is, if the directory maps it. */
  channelOfQueue(queue: string): Channel | undefined {
    const key = queue.toLowerCase();
    const found = this.verifyChannel(this.queues.get(key), key);
    if (found || !this.rebuild()) return found;
    return this.verifyChannel(this.queues.get(key), key);
  }

  /** The Asterisk queue of a channel, if it has one. */
  queueOfChannel(channelId: string): string | undefined {
    const channel = this.state().channels.get(channelId);
    return channel?.kind === 'queue' ? channel.asterisk?.queue : undefined;
  }

  /** The devices whose address is `address`. */
  devicesAt(address: string): Device[] {
    const key = address.toLowerCase();
    const found = this.verifyDevices(this.addresses.get(key), key);
    if (found.length > 0 || !this.rebuild()) return found;
    return this.verifyDevices(this.addresses.get(key), key);
  }

  /** The user a queue member is, from its interface and state interface. */
  userOfMember(iface: string, stateIface = ''): string | undefined {
    for (const candidate of [iface, stateIface]) {
      if (candidate === '') continue;
      const device = this.devicesAt(candidate)[0];
      if (device) return device.userId;
    }
    for (const candidate of [iface, stateIface]) {
      const extension = extensionIn(candidate);
      if (extension === undefined) continue;
      const userId = this.userWithExtension(extension);
      if (userId) return userId;
    }
    return undefined;
  }

  private userWithExtension(extension: string): string | undefined {
    const state = this.state();
    const verify = (id: string | undefined) =>
      id !== undefined && state.users.get(id)?.extension === extension ? id : undefined;
    const found = verify(this.extensions.get(extension));
    if (found || !this.rebuild()) return found;
    return verify(this.extensions.get(extension));
  }

  private verifyChannel(id: string | undefined, queueKey: string): Channel | undefined {
    if (id === undefined) return undefined;
    const channel = this.state().channels.get(id);
    return channel?.kind === 'queue' && channel.asterisk?.queue.toLowerCase() === queueKey
      ? channel
      : undefined;
  }

  private verifyDevices(ids: string[] | undefined, addressKey: string): Device[] {
    if (!ids) return [];
    const devices: Device[] = [];
    const state = this.state();
    for (const id of ids) {
      const device = state.devices.get(id);
      if (device?.address?.toLowerCase() === addressKey) devices.push(device);
    }
    return devices;
  }

  /** Rebuilds when the directory may have changed; false when nothing could be new. */
  private rebuild(): boolean {
    const state = this.state();
    const fingerprint = `${state.channels.size} ${state.devices.size} ${state.users.size}`;
    const now = this.clock();
    if (state === this.builtFrom && fingerprint === this.fingerprint && now - this.builtAt < REBUILD_MIN_MS)
      return false;
    this.builtFrom = state;
    this.fingerprint = fingerprint;
    this.builtAt = now;
    this.queues = new Map();
    for (const channel of state.channels.values()) {
      if (channel.kind === 'queue' && channel.asterisk)
        this.queues.set(channel.asterisk.queue.toLowerCase(), channel.id);
    }
    this.addresses = new Map();
    for (const device of state.devices.values()) {
      if (!device.address) continue;
      const key = device.address.toLowerCase();
      const ids = this.addresses.get(key);
      if (ids) ids.push(device.id);
      else this.addresses.set(key, [device.id]);
    }
    this.extensions = new Map();
    for (const user of state.users.values()) {
      if (user.extension !== '' && !this.extensions.has(user.extension))
        this.extensions.set(user.extension, user.id);
    }
    return true;
  }
}

/**
 * The extension in an interface: `Local/6941@from-queue/n`, `hint:6941@ext-local`,
 * `PJSIP/6941`, `SIP/6941` → `6941`; undefined for anything else (a trunk, `PJSIP/6941@host`).
 */
function extensionIn(iface: string): string | undefined {
  const local = /^(?:local\/|hint:)([^@/]+)@/i.exec(iface);
  if (local) return local[1];
  const plain = /^(?:pjsip|sip|iax2)\/([^@/;]+)$/i.exec(iface);
  return plain?.[1];
}
