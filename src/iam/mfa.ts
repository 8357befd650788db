// Virtual MFA devices: create (seed + scannable QR code), enable with two consecutive TOTP codes,
// resync, deactivate, delete, list, get, and tags. The TOTP check itself is in mfa-totp.ts.
import { randomBytes } from 'node:crypto';
import { lazy } from '../lazy.js';
// Lazy: only CreateVirtualMFADevice draws a QR code; start-up pays nothing for qrcode.
const qrcode = lazy<typeof import('qrcode')>('qrcode');
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type { VirtualMFADevice } from '../protocol/generated/iam-types.js';
import { AwsError, deleteConflict, entityAlreadyExists, limitExceeded, noSuchEntity } from '../protocol/errors.js';
import type { MfaDeviceRow } from '../store/mfa.js';
import { iso } from '../store/rows.js';
import { iamArn } from '../arn.js';
import { addTags, checkNewTags, listTagsPage } from './tagging.js';
import { requireUser, userOrCaller, userShape } from './users.js';
import { matchStep, totpStep } from './mfa-totp.js';

/** IAM lets a user have up to 8 MFA devices. */
export const MFA_DEVICES_PER_USER = 8;
const TAG_TYPE = 'mfa';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A 64-character base32 seed (320 bits), the length AWS's virtual devices use. */
function newSeed(): string {
  const bytes = randomBytes(64);
  let s = '';
  for (const b of bytes) s += BASE32[b & 31];
  return s;
}

export const invalidAuthenticationCode = () =>
  new AwsError('InvalidAuthenticationCode', 'Authentication code for device is not valid.', 403);

// Recorded against AWS for DeleteVirtualMFADevice and DeactivateMFADevice (test_iam_mfa.snapshot.json, 17-02-2026).
const noSuchDevice = (serial: string) => noSuchEntity(`MFA Device with serial number ${serial} does not exist.`);

export function requireDevice(ctx: RequestContext, serial: string): MfaDeviceRow {
  const row = ctx.store.mfa.get(ctx.accountId, serial);
  if (!row) throw noSuchDevice(serial);
  return row;
}

/** The otpauth:// URI the QR code carries, as AWS documents it: NAME@ACCOUNT?secret=SEED. */
export function otpauthUri(ctx: RequestContext, name: string, seed: string): string {
  const account = ctx.store.accounts.get(ctx.accountId)?.alias ?? ctx.accountId;
  return `otpauth://totp/${encodeURIComponent(name)}@${encodeURIComponent(account)}?secret=${seed}`;
}

function deviceShape(ctx: RequestContext, row: MfaDeviceRow): VirtualMFADevice {
  const user = row.user_id ? ctx.store.users.getById(row.user_id) : undefined;
  const tags = ctx.store.tags.list(TAG_TYPE, row.serial);
  return {
    SerialNumber: row.serial,
    User: user ? userShape(ctx, user, false) : undefined,
    EnableDate: row.enabled_at ? new Date(row.enabled_at) : undefined,
    Tags: tags.length ? tags : undefined,
  };
}

/** Two consecutive codes: code1 in step s, code2 in step s+1, s within the steps allowed. */
function consecutiveSteps(row: MfaDeviceRow, code1: string, code2: string, from: number, to: number): number | undefined {
  for (let s = to; s >= from; s--) {
    if (matchStep(row.seed, code1, s, s) === s && matchStep(row.seed, code2, s + 1, s + 1) === s + 1) {
      if (row.last_step !== null && s <= row.last_step) return undefined;
      return s + 1;
    }
  }
  return undefined;
}


export const mfaHandlers: IamHandlers = {
  async CreateVirtualMFADevice(ctx, input) {
    const path = input.Path ?? '/';
    checkNewTags(input.Tags);
    const seed = newSeed();
    const png = await qrcode().toBuffer(otpauthUri(ctx, input.VirtualMFADeviceName, seed), {
      type: 'png',
      errorCorrectionLevel: 'M',
      margin: 4,
      scale: 4,
    });
    const serial = iamArn(ctx.accountId, 'mfa', path, input.VirtualMFADeviceName);
    ctx.store.tx(() => {
      if (ctx.store.mfa.byName(ctx.accountId, input.VirtualMFADeviceName))
        throw entityAlreadyExists('MFA device already exists.'); // test_virtual_mfa_device_errors, recorded 17-02-2026
      ctx.store.mfa.insert({
        serial,
        account_id: ctx.accountId,
        name: input.VirtualMFADeviceName,
        path,
        seed,
        created_at: iso(ctx.now()),
      });
      if (input.Tags?.length) ctx.store.tags.put(ctx.accountId, TAG_TYPE, serial, input.Tags);
    });
    return {
      VirtualMFADevice: {
        SerialNumber: serial,
        Base32StringSeed: Buffer.from(seed, 'ascii'),
        QRCodePNG: png,
        Tags: input.Tags?.length ? input.Tags : undefined,
      },
    };
  },

  EnableMFADevice(ctx, input) {
    const user = requireUser(ctx, input.UserName);
    const device = requireDevice(ctx, input.SerialNumber);
    if (device.user_id) throw entityAlreadyExists('MFA Device is already in use.');
    if (ctx.store.mfa.countForUser(user.id) >= MFA_DEVICES_PER_USER)
      throw limitExceeded(`Cannot exceed quota for MFADevicesPerUser: ${MFA_DEVICES_PER_USER}`);
    const cur = totpStep(ctx.now());
    // code1 may be from two steps ago (the user waited for the next code) up to the current one.
    const last = consecutiveSteps(device, input.AuthenticationCode1, input.AuthenticationCode2, cur - 2, cur);
    if (last === undefined) throw invalidAuthenticationCode();
    ctx.store.mfa.assign(device.serial, user.id, iso(ctx.now()), last);
  },

  ResyncMFADevice(ctx, input) {
    const user = requireUser(ctx, input.UserName);
    const device = requireDevice(ctx, input.SerialNumber);
    if (device.user_id !== user.id) throw noSuchDevice(input.SerialNumber);
    // A drifted device: look for the two consecutive codes within ten minutes either side.
    const cur = totpStep(ctx.now());
    const last = consecutiveSteps(device, input.AuthenticationCode1, input.AuthenticationCode2, cur - 20, cur + 20);
    if (last === undefined) throw invalidAuthenticationCode();
    ctx.store.mfa.setLastStep(device.serial, last);
  },

  DeactivateMFADevice(ctx, input) {
    const user = input.UserName !== undefined ? requireUser(ctx, input.UserName) : undefined;
    const device = ctx.store.mfa.get(ctx.accountId, input.SerialNumber);
    if (!device || !device.user_id) throw noSuchDevice(input.SerialNumber);
    if (user && device.user_id !== user.id) throw noSuchDevice(input.SerialNumber);
    if (!user && ctx.principal.type === 'user' && device.user_id !== ctx.principal.entityId)
      throw noSuchDevice(input.SerialNumber);
    ctx.store.mfa.unassign(device.serial);
  },

  DeleteVirtualMFADevice(ctx, input) {
    const device = requireDevice(ctx, input.SerialNumber);
    if (device.user_id) throw deleteConflict('MFA Device is still in use.');
    ctx.store.tags.removeAll(TAG_TYPE, device.serial);
    ctx.store.mfa.delete(device.serial);
  },

  ListMFADevices(ctx, input) {
    const user = userOrCaller(ctx, input.UserName);
    if (!user) return { MFADevices: [], IsTruncated: false };
    const page = ctx.store.mfa.forUser(user.id, input.Marker, input.MaxItems ?? 100);
    return {
      MFADevices: page.items.map((d) => ({ UserName: user.name, SerialNumber: d.serial, EnableDate: new Date(d.enabled_at!) })),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },

  ListVirtualMFADevices(ctx, input) {
    const page = ctx.store.mfa.list(ctx.accountId, input.AssignmentStatus ?? 'Any', input.Marker, input.MaxItems ?? 100);
    return {
      VirtualMFADevices: page.items.map((d) => deviceShape(ctx, d)),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },

  GetMFADevice(ctx, input) {
    const device = requireDevice(ctx, input.SerialNumber);
    const owner = device.user_id ? ctx.store.users.getById(device.user_id) : undefined;
    if (input.UserName !== undefined) {
      const user = requireUser(ctx, input.UserName);
      if (device.user_id !== user.id) throw noSuchDevice(input.SerialNumber);
    }
    return {
      UserName: owner?.name,
      SerialNumber: device.serial,
      EnableDate: device.enabled_at ? new Date(device.enabled_at) : undefined,
    };
  },

  TagMFADevice(ctx, input) {
    const device = requireDevice(ctx, input.SerialNumber);
    addTags(ctx, TAG_TYPE, device.serial, input.Tags);
  },

  UntagMFADevice(ctx, input) {
    const device = requireDevice(ctx, input.SerialNumber);
    ctx.store.tags.remove(TAG_TYPE, device.serial, input.TagKeys);
  },

  ListMFADeviceTags(ctx, input) {
    const device = requireDevice(ctx, input.SerialNumber);
    return listTagsPage(ctx, TAG_TYPE, device.serial, input.Marker, input.MaxItems);
  },
};
