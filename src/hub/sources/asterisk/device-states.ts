/**
 * Which devices are registered (active, the green dot), from what Asterisk says of them:
 * device states (`DeviceStateChange`, `DeviceStateList`; `ExtensionStatus` of hints) and, for
 * PJSIP, contacts (`ContactStatus`, `PJSIPShowContacts`). Where the contacts of an endpoint are
 * known they decide (a reachable or not-qualified contact: registered); otherwise the device
 * state does (UNAVAILABLE or INVALID: not registered; in use, ringing, on hold, idle: registered).
 */

export type Registered = boolean | undefined;

const INACTIVE_STATES = new Set(['UNAVAILABLE', 'INVALID']);
const ACTIVE_STATES = new Set(['NOT_INUSE', 'INUSE', 'BUSY', 'RINGING', 'RINGINUSE', 'ONHOLD']);
const GONE_CONTACTS = new Set(['removed']);
const UNREACHABLE_CONTACTS = new Set(['unreachable']);

/** `ExtensionStatus` numbers → device state names (a hint's aggregate state). */
export function extensionStateName(status: number): string {
  if (status < 0) return 'INVALID';
  if (status === 0) return 'NOT_INUSE';
  if (status & 4) return 'UNAVAILABLE';
  if (status & 16) return 'ONHOLD';
  if (status & 8) return status & 1 ? 'RINGINUSE' : 'RINGING';
  if (status & 2) return 'BUSY';
  return 'INUSE';
}

export class DeviceStates {
  private readonly states = new Map<string, string>();
  /** lower-cased endpoint → contact URI → status (lower-cased). */
  private readonly contacts = new Map<string, Map<string, string>>();

  /** Forgets everything (before a full picture). */
  clear(): void {
    this.states.clear();
    this.contacts.clear();
  }

  /** A device state (`NOT_INUSE`, `UNAVAILABLE`…) of `device` (`PJSIP/6941`). */
  setState(device: string, state: string): void {
    this.states.set(device.toLowerCase(), state.toUpperCase());
  }

  /** A contact's status (`Reachable`, `Unreachable`, `NonQualified`, `Removed`…) of an endpoint. */
  setContact(endpoint: string, uri: string, status: string): void {
    const key = endpoint.toLowerCase();
    let contacts = this.contacts.get(key);
    if (!contacts) {
      contacts = new Map();
      this.contacts.set(key, contacts);
    }
    const value = status.toLowerCase();
    if (GONE_CONTACTS.has(value)) contacts.delete(uri);
    else contacts.set(uri, value);
  }

  /** Whether the device at `address` is registered; undefined when Asterisk said nothing of it. */
  registered(address: string): Registered {
    const key = address.toLowerCase();
    if (key.startsWith('pjsip/')) {
      const contacts = this.contacts.get(key.slice('pjsip/'.length));
      if (contacts) {
        for (const status of contacts.values()) if (!UNREACHABLE_CONTACTS.has(status)) return true;
        return false;
      }
    }
    const state = this.states.get(key);
    if (state === undefined) return undefined;
    if (INACTIVE_STATES.has(state)) return false;
    if (ACTIVE_STATES.has(state)) return true;
    return undefined;
  }
}
