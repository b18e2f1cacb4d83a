import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { submitDemoApplication, uploadFile, type Submitted } from '../../../test/helpers/journey.ts';
import { SAMPLE } from '../../../test/helpers/multipart.ts';

let t: TestApp;
const as: Record<string, Agent> = {};
/** cg_reviewer works the 长葛 county stage; yz_reviewer is the neighbouring county, op_robot_admin another applicant. */
const USERS = ['cg_reviewer', 'xc_reviewer', 'yz_reviewer', 'op_cg_admin', 'op_robot_admin', 'sysadmin', 'expert_wang'] as const;
let app: Submitted;
let pdf: { fileId: string; fileName: string };

const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.database.query<T>(sql, params);

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of USERS) as[u] = await signIn(t.app, u);
  app = await submitDemoApplication(t, 'xuchang_city', { newSpace: true });
  const detail = (await as.op_cg_admin!.get(`/api/applications/${app.id}`)).json();
  pdf = detail.attachments[0];
});
afterAll(() => t.close());

const preview = (who: Agent, fileId = pdf.fileId, id = app.id) => who.get(`/api/applications/${id}/files/${fileId}/preview`);
const download = (who: Agent, fileId = pdf.fileId, id = app.id) => who.get(`/api/applications/${id}/files/${fileId}/download`);

/** Everything a refused request must leave alone: file openings audited and the application itself. */
async function fingerprint() {
  const [row] = await q(
    `select (select count(*)::int from audit_log where action <> 'access.denied') as audit_rows,
            (select count(*)::int from files) as files,
            (select revision from applications where id = $1) as revision,
            (select count(*)::int from application_attachments where application_id = $1) as attachments`,
    [app.id],
  );
  return row;
}

/** Sealed and unsealed rows alike: `file.download` rows reached through the application. */
const openings = async () =>
  (await q<{ n: number }>(`select count(*)::int as n from audit_log where action = 'file.download' and object_id = $1 and detail->'via'->>'objectId' = $2`, [pdf.fileId, app.id]))[0]!.n;

describe('an attachment of an application, opened through the application', () => {
  it('shows a PDF inline to a reviewer of the jurisdiction, framable by our own pages only, and audits the opening', async () => {
    const before = await openings();
    const res = await preview(as.cg_reviewer!);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="[^"]*\.pdf"; filename\*=UTF-8''/);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await openings()).toBe(before + 1);
  });

  it('downloads the same file as an attachment for the city and the applicant', async () => {
    for (const who of ['xc_reviewer', 'op_cg_admin'] as const) {
      const res = await download(as[who]!);
      expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/^attachment; /);
      expect(res.rawPayload.equals(SAMPLE.pdf)).toBe(true);
    }
  });

  it('previews images too, and refuses a kind the browser cannot show without opening it', async () => {
    const png = await uploadFile(app.operator, '场地照片.png', SAMPLE.png);
    const docx = await uploadFile(app.operator, '说明.docx', SAMPLE.docx);
    // The dossier is submitted (no more attaching through the API): the rows are put in place as attaching would.
    for (const [f, name] of [
      [png, '场地照片.png'],
      [docx, '说明.docx'],
    ] as const)
      await q(`insert into application_attachments (application_id, slot_key, file_id, file_name, size_bytes, sha256, added_by_name) values ($1, 'other', $2, $3, 64, $4, '测试')`, [app.id, f.id, name, f.sha256]);
    const img = await preview(as.cg_reviewer!, png.id);
    expect(img.statusCode, img.body).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.headers['content-disposition']).toMatch(/^inline; /);

    const before = await fingerprint();
    const word = await preview(as.cg_reviewer!, docx.id);
    expect(word.statusCode, word.body).toBe(409);
    expect(word.json().error.message).toContain('不能在线预览');
    expect(await fingerprint()).toEqual(before);
    expect((await download(as.cg_reviewer!, docx.id)).statusCode).toBe(200);
  });

  it('refuses outsiders and a reviewer of another county (404, existence not revealed), the platform administrator by role (403), and changes nothing', async () => {
    const before = await fingerprint();
    for (const [who, status] of [
      ['yz_reviewer', 404],
      ['op_robot_admin', 404],
      ['expert_wang', 404],
      ['sysadmin', 403],
    ] as const) {
      for (const res of [await preview(as[who]!), await download(as[who]!)]) {
        expect(res.statusCode, `${who}: ${res.body}`).toBe(status);
        expect(res.headers['content-disposition']).toBeUndefined();
      }
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses a file that is not attached to the application (even one its applicant owns) and an unknown application', async () => {
    const loose = await uploadFile(app.operator, '未放入材料.pdf');
    const before = await fingerprint();
    expect((await preview(as.cg_reviewer!, loose.id)).statusCode).toBe(404);
    expect((await preview(as.op_cg_admin!, loose.id)).statusCode).toBe(404);
    expect((await preview(as.cg_reviewer!, pdf.fileId, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect(await fingerprint()).toEqual(before);
  });

  it('answers malformed ids with 400 naming the field in Chinese, and anonymous callers with 401', async () => {
    const bad = await as.cg_reviewer!.get(`/api/applications/${app.id}/files/not-a-uuid/preview`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('附件文件编号');
    const anonymous = await new Agent(t.app).get(`/api/applications/${app.id}/files/${pdf.fileId}/preview`);
    expect(anonymous.statusCode).toBe(401);
  });
});
