/**
 * Photos of a shared resource (issue 15: "resources … with category, photos, specs"): the space's
 * admin adds JPG/PNG files uploaded through the files module (magic bytes checked there), at most
 * MAX_RESOURCE_PHOTOS, reorders and removes them, each audited; bookers see them on the resource,
 * anyone sees those of an active resource of a filed space (search cover, public page); outsiders
 * are refused and nothing changes.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { fileSpace } from '../../../test/helpers/filed.ts';
import { uploadFile } from '../../../test/helpers/journey.ts';
import { SAMPLE } from '../../../test/helpers/multipart.ts';
import { auditLog } from '../audit/schema.ts';
import { PHOTO_MAX_BYTES } from '../files/index.ts';
import { files } from '../files/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { bookingResourcePhotos, MAX_RESOURCE_PHOTOS } from './schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field, as the API's JSON
type Json = any;

let t: TestApp;
let admin: Agent;
let staff: Agent;
let otherOperator: Agent;
let maker: Agent;
let anon: Agent;
let robot = '';
let resource = '';
const photo: string[] = [];

const allDay = Array.from({ length: 7 }, () => ({ open: 0, close: 1440 }));
const resourceBody = {
  kind: 'equipment',
  name: '激光切割机',
  category: '激光切割',
  specs: { 幅面: '1300×900 mm' },
  location: 'B 座 1 楼',
  feeBasis: 'cost_recovery',
  feeUnit: 'hour',
  priceFen: 8000,
  freeQuotaHours: 0,
  openingHours: allDay,
};

async function ok(res: Promise<{ statusCode: number; body: string; json: () => Json }>, status = 200): Promise<Json> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}
const photoRows = () => t.ctx.db.select().from(bookingResourcePhotos).orderBy(bookingResourcePhotos.resourceId, bookingResourcePhotos.position);
const photoUrl = (fileId: string, id = resource) => `/api/booking/resources/${id}/photos/${fileId}`;
const publicUrl = (fileId: string, id = resource) => `/api/public/booking/resources/${id}/photos/${fileId}`;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [admin, staff, otherOperator, maker] = (await Promise.all(['op_robot_admin', 'op_robot_staff', 'op_univ_admin', 'maker_chen'].map((u) => signIn(t.app, u)))) as [Agent, Agent, Agent, Agent];
  anon = new Agent(t.app);
  robot = (await t.ctx.db.select().from(spaces).where(eq(spaces.name, '沈阳智能机器人专业化众创空间')))[0]!.id;
  const r = await ok(admin.post(`/api/booking/spaces/${robot}/resources`, resourceBody), 201);
  resource = r.id;
  await ok(admin.put(`/api/booking/resources/${resource}/rules/outside_maker`, { windowDays: 30, noticeMinutes: 60, minMinutes: 30, maxMinutes: 240, bufferMinutes: 0, dailyCapMinutes: 480, futureCap: 5, needsApproval: false, requiresQualification: false }));
  for (let i = 0; i < MAX_RESOURCE_PHOTOS + 1; i += 1) photo.push((await uploadFile(admin, i % 2 ? `照片${i}.jpg` : `照片${i}.png`, i % 2 ? SAMPLE.jpeg : SAMPLE.png)).id);
}, 300_000);
afterAll(() => t.close());

describe('resource photos', () => {
  it('the admin adds JPG and PNG photos in order, each audited', async () => {
    const first = await ok(admin.post(`/api/booking/resources/${resource}/photos`, { fileId: photo[0] }), 201);
    expect(first.photoIds).toEqual([photo[0]]);
    const second = await ok(admin.post(`/api/booking/resources/${resource}/photos`, { fileId: photo[1] }), 201);
    expect(second.photoIds).toEqual([photo[0], photo[1]]);
    const rows = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'booking.photo.add'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ objectType: 'booking_resource', objectId: resource });
    expect(rows.map((r) => (r.detail as Json).fileId).sort()).toEqual([photo[0], photo[1]].sort());
    // The same photo twice is a conflict.
    expect((await admin.post(`/api/booking/resources/${resource}/photos`, { fileId: photo[1] })).statusCode).toBe(409);
  });

  it('refuses a file that is not an image, one too large, another organisation’s, and bad ids, naming the field', async () => {
    const pdf = await uploadFile(admin, '说明书.pdf');
    const notImage = await admin.post(`/api/booking/resources/${resource}/photos`, { fileId: pdf.id });
    expect(notImage.statusCode).toBe(400);
    expect(notImage.json().error.fields[0]).toMatchObject({ field: 'body.fileId', message: '照片仅限 JPG、PNG 图片' });
    const big = await uploadFile(admin, '大图.png', SAMPLE.png);
    await t.ctx.db.update(files).set({ sizeBytes: PHOTO_MAX_BYTES + 1 }).where(eq(files.id, big.id));
    const tooBig = await admin.post(`/api/booking/resources/${resource}/photos`, { fileId: big.id });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.fields[0].field).toBe('body.fileId');
    const foreign = await uploadFile(otherOperator, '别家.png', SAMPLE.png);
    expect((await admin.post(`/api/booking/resources/${resource}/photos`, { fileId: foreign.id })).statusCode).toBe(404);
    const malformed = await admin.post(`/api/booking/resources/${resource}/photos`, { fileId: 'x' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('fileId');
    expect((await photoRows()).map((p) => p.fileId)).toEqual([photo[0], photo[1]]);
  });

  it(`takes at most ${MAX_RESOURCE_PHOTOS} photos`, async () => {
    for (const id of photo.slice(2, MAX_RESOURCE_PHOTOS)) await ok(admin.post(`/api/booking/resources/${resource}/photos`, { fileId: id }), 201);
    const over = await admin.post(`/api/booking/resources/${resource}/photos`, { fileId: photo[MAX_RESOURCE_PHOTOS] });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toContain(`最多 ${MAX_RESOURCE_PHOTOS} 张`);
    expect(await photoRows()).toHaveLength(MAX_RESOURCE_PHOTOS);
  });

  it('reorders them (the list must name each photo once) and removes one, closing the gap', async () => {
    const reversed = photo.slice(0, MAX_RESOURCE_PHOTOS).reverse();
    const r = await ok(admin.put(`/api/booking/resources/${resource}/photos`, { fileIds: reversed }));
    expect(r.photoIds).toEqual(reversed);
    const missing = await admin.put(`/api/booking/resources/${resource}/photos`, { fileIds: reversed.slice(1) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].field).toBe('body.fileIds');
    const twice = await admin.put(`/api/booking/resources/${resource}/photos`, { fileIds: [reversed[0], ...reversed.slice(0, -1)] });
    expect(twice.statusCode).toBe(400);
    const gone = await ok(admin.delete(photoUrl(reversed[0]!)));
    expect(gone.photoIds).toEqual(reversed.slice(1));
    expect((await photoRows()).map((p) => p.position)).toEqual(reversed.slice(1).map((_, i) => i + 1));
    expect((await admin.delete(photoUrl(reversed[0]!))).statusCode).toBe(404);
    for (const action of ['booking.photo.reorder', 'booking.photo.remove'])
      expect(await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, action))).toHaveLength(1);
  });

  it('a maker sees the photos on the resource and loads them; the bytes are the upload', async () => {
    const r = await ok(maker.get(`/api/booking/resources/${resource}`));
    const [cover] = r.photoIds as string[];
    expect(r.photoIds).toHaveLength(MAX_RESOURCE_PHOTOS - 1);
    const img = await maker.get(photoUrl(cover!));
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toMatch(/^image\//);
    expect(img.headers['content-disposition']).toMatch(/^inline/);
    expect(img.headers['x-content-type-options']).toBe('nosniff');
    const expected = cover === photo[6] ? SAMPLE.png : SAMPLE.jpeg;
    expect(img.rawPayload.subarray(0, 4)).toEqual(expected.subarray(0, 4));
    // A file that is not a photo of this resource is not served through it.
    expect((await maker.get(photoUrl(photo[MAX_RESOURCE_PHOTOS]!))).statusCode).toBe(404);
  });

  it('anyone sees the photos of a filed space’s active resource: the public path, the search cover, the public page', async () => {
    const detail = await ok(admin.get(`/api/booking/resources/${resource}`));
    const cover = detail.photoIds[0] as string;
    // Not filed yet: nothing is public.
    expect((await anon.get(publicUrl(cover))).statusCode).toBe(404);
    await fileSpace(t, robot);
    const img = await anon.get(publicUrl(cover));
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toMatch(/^image\/(png|jpeg)$/);
    const found = await ok(maker.get(`/api/booking/resources/search?q=${encodeURIComponent('激光切割')}`));
    expect(found.items.find((i: Json) => i.id === resource).coverPhotoId).toBe(cover);
    const page = await ok(anon.get(`/api/portal/spaces/${robot}`));
    expect(page.resources.find((r: Json) => r.id === resource).photoIds).toEqual(detail.photoIds);
    // A photo of another resource, an unknown file: not found.
    expect((await anon.get(publicUrl(photo[MAX_RESOURCE_PHOTOS]!))).statusCode).toBe(404);
    // A stopped resource's photos are no longer public; its staff still see them.
    await ok(admin.put(`/api/booking/resources/${resource}`, { ...resourceBody, active: false, revision: detail.revision }));
    expect((await anon.get(publicUrl(cover))).statusCode).toBe(404);
    expect((await staff.get(photoUrl(cover))).statusCode).toBe(200);
    expect((await maker.get(photoUrl(cover))).statusCode).toBe(404);
    await ok(admin.put(`/api/booking/resources/${resource}`, { ...resourceBody, active: true, revision: detail.revision + 1 }));
  });

  it('outsiders are refused and nothing changed: staff 403, a maker 403, another operator 404, no session 401/403 (CSRF)', async () => {
    const before = await photoRows();
    const audits = (await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, resource))).length;
    const current = before.map((p) => p.fileId);
    for (const [agent, status] of [
      [staff, 403],
      [maker, 403],
      [otherOperator, 404],
      [anon, 401],
    ] as const) {
      // Without a session a write meets the CSRF check (403) or the session check (401) first.
      const refused = agent === anon ? [401, 403] : [status];
      expect(refused).toContain((await agent.post(`/api/booking/resources/${resource}/photos`, { fileId: photo[MAX_RESOURCE_PHOTOS] })).statusCode);
      expect(refused).toContain((await agent.put(`/api/booking/resources/${resource}/photos`, { fileIds: [...current].reverse() })).statusCode);
      expect(refused).toContain((await agent.delete(photoUrl(current[0]!))).statusCode);
    }
    expect((await otherOperator.get(photoUrl(current[0]!))).statusCode).toBe(404);
    expect((await anon.get(photoUrl(current[0]!))).statusCode).toBe(401);
    expect(await photoRows()).toEqual(before);
    expect(await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, resource))).toHaveLength(audits);
  });
});
