import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetMFADeviceCommand,
  ListMFADevicesCommand,
  ListMFADeviceTagsCommand,
  ListVirtualMFADevicesCommand,
  ResyncMFADeviceCommand,
  TagMFADeviceCommand,
  UntagMFADeviceCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { CreateAccessKeyCommand } from '@aws-sdk/client-iam';
import { Secret, TOTP } from 'otpauth';
import { PNG } from 'pngjs';
import * as jsqrModule from 'jsqr';
import { sdkError, startServer, type TestServer } from './helpers/server.js';
import { verifyMfaCode } from '../src/iam/mfa-totp.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const ACCOUNT = '000000000000';
// jsqr is CommonJS with a default export; reach it the same way under tsc and vitest.
const jsQR = ((jsqrModule as any).default?.default ?? (jsqrModule as any).default ?? jsqrModule) as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

/** An authenticator app: it only knows the seed it scanned and the time. */
function authenticator(seed: string) {
  const totp = new TOTP({ secret: Secret.fromBase32(seed), algorithm: 'SHA1', digits: 6, period: 30 });
  return {
    codeAt: (ms: number) => totp.generate({ timestamp: ms }),
  };
}

async function serverNow(): Promise<number> {
  const { json } = await t.admin('GET', '/_iam/clock');
  return Date.parse(json.now);
}

/** Two consecutive codes: the current one and the next, as a user waiting one period would type. */
async function twoCodes(seed: string) {
  const app = authenticator(seed);
  const now = await serverNow();
  return { AuthenticationCode1: app.codeAt(now - 30_000), AuthenticationCode2: app.codeAt(now) };
}

async function newDevice(name: string, path?: string) {
  const res = await t.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name, Path: path }));
  const seed = Buffer.from(res.VirtualMFADevice!.Base32StringSeed!).toString('ascii');
  return { serial: res.VirtualMFADevice!.SerialNumber!, seed, png: res.VirtualMFADevice!.QRCodePNG! };
}

describe('virtual MFA devices', () => {
  it('creates a device whose QR code an authenticator can scan, and enables it with two consecutive codes', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const { serial, seed, png } = await newDevice('alice-phone', '/team/');
    expect(serial).toBe(`arn:aws:iam::${ACCOUNT}:mfa/team/alice-phone`);
    expect(seed).toMatch(/^[A-Z2-7]{64}$/);

    // The QR code is a real PNG that decodes to the otpauth:// URI carrying the same seed.
    const image = PNG.sync.read(Buffer.from(png));
    const qr = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(qr?.data).toBe(`otpauth://totp/alice-phone@${ACCOUNT}?secret=${seed}`);
    const scanned = new URL(qr!.data).searchParams.get('secret')!;

    const codes = await twoCodes(scanned);
    await t.iam.send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, ...codes }));

    const listed = await t.iam.send(new ListMFADevicesCommand({ UserName: 'alice' }));
    expect(listed.MFADevices).toHaveLength(1);
    expect(listed.MFADevices![0]).toMatchObject({ UserName: 'alice', SerialNumber: serial });
    expect(listed.MFADevices![0]!.EnableDate).toBeInstanceOf(Date);

    const got = await t.iam.send(new GetMFADeviceCommand({ SerialNumber: serial }));
    expect(got).toMatchObject({ UserName: 'alice', SerialNumber: serial });

    // The same codes are not accepted a second time (re-enabling after deactivation).
    await t.iam.send(new DeactivateMFADeviceCommand({ UserName: 'alice', SerialNumber: serial }));
    const replay = await sdkError(t.iam.send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, ...codes })));
    expect(replay).toEqual({
      name: 'InvalidAuthenticationCodeException',
      message: 'Authentication code for device is not valid.',
      status: 403,
    });
  });

  it('refuses wrong or non-consecutive codes with InvalidAuthenticationCode (403)', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    const { serial, seed } = await newDevice('bob-phone');
    const app = authenticator(seed);
    const now = await serverNow();
    const wrong = await sdkError(
      t.iam.send(new EnableMFADeviceCommand({ UserName: 'bob', SerialNumber: serial, AuthenticationCode1: '000000', AuthenticationCode2: '000000' })),
    );
    expect(wrong.name).toBe('InvalidAuthenticationCodeException');
    // The same code twice is not two consecutive codes.
    const same = await sdkError(
      t.iam.send(new EnableMFADeviceCommand({ UserName: 'bob', SerialNumber: serial, AuthenticationCode1: app.codeAt(now), AuthenticationCode2: app.codeAt(now) })),
    );
    expect(same.status).toBe(403);
    // Codes from an hour ago are stale.
    const stale = await sdkError(
      t.iam.send(
        new EnableMFADeviceCommand({
          UserName: 'bob',
          SerialNumber: serial,
          AuthenticationCode1: app.codeAt(now - 3_600_000),
          AuthenticationCode2: app.codeAt(now - 3_570_000),
        }),
      ),
    );
    expect(stale.name).toBe('InvalidAuthenticationCodeException');
  });

  it('answers NoSuchEntity, EntityAlreadyExists and DeleteConflict as AWS does', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'carol' }));
    await t.iam.send(new CreateUserCommand({ UserName: 'dave' }));
    const { serial, seed } = await newDevice('carol-phone');
    const dup = await sdkError(t.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'carol-phone' })));
    expect(dup).toEqual({ name: 'EntityAlreadyExistsException', message: 'MFA device already exists.', status: 409 });

    const missing = `arn:aws:iam::${ACCOUNT}:mfa/nope`;
    const noDevice = await sdkError(
      t.iam.send(new EnableMFADeviceCommand({ UserName: 'carol', SerialNumber: missing, ...(await twoCodes(seed)) })),
    );
    expect(noDevice).toEqual({ name: 'NoSuchEntityException', message: `MFA Device with serial number ${missing} does not exist.`, status: 404 });
    const noUser = await sdkError(
      t.iam.send(new EnableMFADeviceCommand({ UserName: 'ghost', SerialNumber: serial, ...(await twoCodes(seed)) })),
    );
    expect(noUser).toEqual({ name: 'NoSuchEntityException', message: 'The user with name ghost cannot be found.', status: 404 });

    await t.iam.send(new EnableMFADeviceCommand({ UserName: 'carol', SerialNumber: serial, ...(await twoCodes(seed)) }));
    const inUse = await sdkError(
      t.iam.send(new EnableMFADeviceCommand({ UserName: 'dave', SerialNumber: serial, AuthenticationCode1: '123456', AuthenticationCode2: '654321' })),
    );
    expect(inUse).toEqual({ name: 'EntityAlreadyExistsException', message: 'MFA Device is already in use.', status: 409 });

    const delDevice = await sdkError(t.iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })));
    expect(delDevice).toEqual({ name: 'DeleteConflictException', message: 'MFA Device is still in use.', status: 409 });
    const delUser = await sdkError(t.iam.send(new DeleteUserCommand({ UserName: 'carol' })));
    expect(delUser).toEqual({ name: 'DeleteConflictException', message: 'Cannot delete entity, must delete MFA device first.', status: 409 });

    const wrongUser = await sdkError(t.iam.send(new DeactivateMFADeviceCommand({ UserName: 'dave', SerialNumber: serial })));
    expect(wrongUser.name).toBe('NoSuchEntityException');
    await t.iam.send(new DeactivateMFADeviceCommand({ UserName: 'carol', SerialNumber: serial }));
    const again = await sdkError(t.iam.send(new DeactivateMFADeviceCommand({ UserName: 'carol', SerialNumber: serial })));
    expect(again.status).toBe(404);
    await t.iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
    await t.iam.send(new DeleteUserCommand({ UserName: 'carol' }));
    const gone = await sdkError(t.iam.send(new GetMFADeviceCommand({ SerialNumber: serial })));
    expect(gone).toEqual({ name: 'NoSuchEntityException', message: `MFA Device with serial number ${serial} does not exist.`, status: 404 });
  });

  it('lists virtual devices by assignment status with the assigned user, and paginates', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'erin', Path: '/ops/' }));
    const a = await newDevice('list-a');
    const b = await newDevice('list-b');
    await t.iam.send(new EnableMFADeviceCommand({ UserName: 'erin', SerialNumber: a.serial, ...(await twoCodes(a.seed)) }));

    const assigned = await t.iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    const mine = assigned.VirtualMFADevices!.find((d) => d.SerialNumber === a.serial)!;
    expect(mine.User).toMatchObject({ UserName: 'erin', Path: '/ops/', Arn: `arn:aws:iam::${ACCOUNT}:user/ops/erin` });
    expect(mine.EnableDate).toBeInstanceOf(Date);
    expect(assigned.VirtualMFADevices!.some((d) => d.SerialNumber === b.serial)).toBe(false);

    const unassigned = await t.iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }));
    expect(unassigned.VirtualMFADevices!.map((d) => d.SerialNumber)).toContain(b.serial);
    expect(unassigned.VirtualMFADevices!.every((d) => d.User === undefined)).toBe(true);

    const all: string[] = [];
    let marker: string | undefined;
    do {
      const page = await t.iam.send(new ListVirtualMFADevicesCommand({ MaxItems: 1, Marker: marker }));
      all.push(...page.VirtualMFADevices!.map((d) => d.SerialNumber!));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    expect(all).toContain(a.serial);
    expect(all).toContain(b.serial);
    expect(new Set(all).size).toBe(all.length);
  });

  it('resyncs a device and tags it', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'frank' }));
    const d = await newDevice('frank-phone');
    await t.iam.send(new EnableMFADeviceCommand({ UserName: 'frank', SerialNumber: d.serial, ...(await twoCodes(d.seed)) }));
    const app = authenticator(d.seed);
    const now = await serverNow();
    await t.iam.send(
      new ResyncMFADeviceCommand({ UserName: 'frank', SerialNumber: d.serial, AuthenticationCode1: app.codeAt(now + 30_000), AuthenticationCode2: app.codeAt(now + 60_000) }),
    );
    const bad = await sdkError(
      t.iam.send(new ResyncMFADeviceCommand({ UserName: 'frank', SerialNumber: d.serial, AuthenticationCode1: '111111', AuthenticationCode2: '222222' })),
    );
    expect(bad.name).toBe('InvalidAuthenticationCodeException');

    await t.iam.send(new TagMFADeviceCommand({ SerialNumber: d.serial, Tags: [{ Key: 'owner', Value: 'frank' }, { Key: 'kind', Value: 'phone' }] }));
    await t.iam.send(new UntagMFADeviceCommand({ SerialNumber: d.serial, TagKeys: ['kind'] }));
    const tags = await t.iam.send(new ListMFADeviceTagsCommand({ SerialNumber: d.serial }));
    expect(tags.Tags).toEqual([{ Key: 'owner', Value: 'frank' }]);
    const none = `arn:aws:iam::${ACCOUNT}:mfa/none`;
    const noTags = await sdkError(t.iam.send(new ListMFADeviceTagsCommand({ SerialNumber: none })));
    expect(noTags.name).toBe('NoSuchEntityException');
    expect((await sdkError(t.iam.send(new TagMFADeviceCommand({ SerialNumber: none, Tags: [{ Key: 'a', Value: 'b' }] })))).status).toBe(404);
    expect((await sdkError(t.iam.send(new UntagMFADeviceCommand({ SerialNumber: none, TagKeys: ['a'] })))).status).toBe(404);
    const dupKeys = await sdkError(
      t.iam.send(new TagMFADeviceCommand({ SerialNumber: d.serial, Tags: [{ Key: 'k', Value: '1' }, { Key: 'K', Value: '2' }] })),
    );
    expect(dupKeys).toEqual({ name: 'InvalidInputException', message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.', status: 400 });
    const tooMany = Array.from({ length: 50 }, (_, i) => ({ Key: `t${i}`, Value: 'v' }));
    const overLimit = await sdkError(t.iam.send(new TagMFADeviceCommand({ SerialNumber: d.serial, Tags: tooMany })));
    expect(overLimit).toEqual({ name: 'LimitExceededException', message: 'The number of tags has reached the maximum limit.', status: 409 });
    const createTooMany = await sdkError(
      t.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'too-many-tags', Tags: [...tooMany, { Key: 'x', Value: 'y' }] })),
    );
    // More than 50 at once breaks the model's list limit before any quota is counted.
    expect(createTooMany.name).toBe('ValidationError');
    const resyncNoUser = await sdkError(
      t.iam.send(new ResyncMFADeviceCommand({ UserName: 'ghost', SerialNumber: d.serial, AuthenticationCode1: '111111', AuthenticationCode2: '222222' })),
    );
    expect(resyncNoUser.name).toBe('NoSuchEntityException');
    const resyncNoDevice = await sdkError(
      t.iam.send(new ResyncMFADeviceCommand({ UserName: 'frank', SerialNumber: none, AuthenticationCode1: '111111', AuthenticationCode2: '222222' })),
    );
    expect(resyncNoDevice.name).toBe('NoSuchEntityException');
    const listNoUser = await sdkError(t.iam.send(new ListMFADevicesCommand({ UserName: 'ghost' })));
    expect(listNoUser).toEqual({ name: 'NoSuchEntityException', message: 'The user with name ghost cannot be found.', status: 404 });
    const deleteNone = await sdkError(t.iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: none })));
    expect(deleteNone).toEqual({ name: 'NoSuchEntityException', message: `MFA Device with serial number ${none} does not exist.`, status: 404 });
  });

  it('verifyMfaCode accepts the current code of an enabled device once, and refuses replays and unknown devices', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'gina' }));
    const d = await newDevice('gina-phone');
    const store = t.server.services.store;
    const app = authenticator(d.seed);
    let now = new Date(await serverNow());
    // Not enabled yet: refused.
    expect(verifyMfaCode(store, ACCOUNT, d.serial, app.codeAt(now.getTime()), now)).toBe(false);
    await t.iam.send(new EnableMFADeviceCommand({ UserName: 'gina', SerialNumber: d.serial, ...(await twoCodes(d.seed)) }));
    // Next period's code: accepted once, then refused as a replay.
    now = new Date(now.getTime() + 30_000);
    const code = app.codeAt(now.getTime());
    expect(verifyMfaCode(store, ACCOUNT, d.serial, code, now)).toBe(true);
    expect(verifyMfaCode(store, ACCOUNT, d.serial, code, now)).toBe(false);
    const later = new Date(now.getTime() + 30_000);
    expect(verifyMfaCode(store, ACCOUNT, d.serial, '000000' === app.codeAt(later.getTime()) ? '111111' : '000000', later)).toBe(false);
    expect(verifyMfaCode(store, ACCOUNT, d.serial, app.codeAt(later.getTime()), later)).toBe(true);
    expect(verifyMfaCode(store, ACCOUNT, `arn:aws:iam::${ACCOUNT}:mfa/none`, app.codeAt(later.getTime()), later)).toBe(false);
  });

  it('an authenticator app enrolled from the QR code signs STS GetSessionToken with MFA, once per code', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'hank' }));
    const key = (await t.iam.send(new CreateAccessKeyCommand({ UserName: 'hank' }))).AccessKey!;
    const sts = t.stsAs({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    const { serial, png } = await newDevice('hank-phone');
    // The app only sees the QR code.
    const image = PNG.sync.read(Buffer.from(png));
    const uri = new URL(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)!.data);
    const app = authenticator(uri.searchParams.get('secret')!);
    const now = await serverNow();
    await t.iam.send(
      new EnableMFADeviceCommand({
        UserName: 'hank',
        SerialNumber: serial,
        AuthenticationCode1: app.codeAt(now - 30_000),
        AuthenticationCode2: app.codeAt(now),
      }),
    );
    // The next period's code (one step ahead is within the window) opens an MFA session.
    const code = app.codeAt(now + 30_000);
    const session = await sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code, DurationSeconds: 900 }));
    expect(session.Credentials!.AccessKeyId).toMatch(/^ASIA/);
    const who = await t
      .stsAs({
        accessKeyId: session.Credentials!.AccessKeyId!,
        secretAccessKey: session.Credentials!.SecretAccessKey!,
        sessionToken: session.Credentials!.SessionToken!,
      })
      .send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/hank`);
    // The same code a second time is refused, as is a wrong one.
    const replay = await sdkError(sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code })));
    expect(replay).toMatchObject({ name: 'AccessDenied', status: 403 });
  });

  it('allows at most 8 MFA devices per user (LimitExceeded)', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'ivy' }));
    for (let i = 0; i < 8; i++) {
      const d = await newDevice(`ivy-${i}`);
      await t.iam.send(new EnableMFADeviceCommand({ UserName: 'ivy', SerialNumber: d.serial, ...(await twoCodes(d.seed)) }));
    }
    expect((await t.iam.send(new ListMFADevicesCommand({ UserName: 'ivy' }))).MFADevices).toHaveLength(8);
    const ninth = await newDevice('ivy-8');
    const err = await sdkError(t.iam.send(new EnableMFADeviceCommand({ UserName: 'ivy', SerialNumber: ninth.serial, ...(await twoCodes(ninth.seed)) })));
    expect(err).toEqual({ name: 'LimitExceededException', message: 'Cannot exceed quota for MFADevicesPerUser: 8', status: 409 });
  });
});
