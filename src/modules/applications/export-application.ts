/** The dossier as a Word document and the materials as a ZIP. */
import type { Readable } from 'node:stream';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { csvWithBom, entryPath, shanghaiIso, uniqueEntryNames, zipStream } from '../documents/index.ts';
import { openLinkedFile } from '../files/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { applicationDocx } from './documents.ts';
import * as repo from './repository.ts';
import { loadInScope, dossierOf, maskedFor } from './access.ts';

/** The application as one Word document (基础信息表 + 申报书); the export is audited. */
export async function exportDocx(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  const { app, call, space, subject } = await loadInScope(db, actor, id, 'application.export');
  const { basicInfo, report } = dossierOf(app);
  const buffer = await applicationDocx({ callTitle: call.title, spaceName: space.name, basicInfo: maskedFor(actor, subject, basicInfo), report });
  await audit.record(db, ctx, { action: 'application.export.docx', objectType: 'application', objectId: id });
  return { buffer, fileName: `备案申报材料-${space.name}.docx` };
}

/**
 * Every attached file in a ZIP, one folder per material slot, with manifest.csv (UTF-8 with BOM)
 * listing slot, file name, size and sha256. Each file is opened through the file store (which
 * audits its download); the export itself is audited before the first byte leaves.
 */
export async function materialsZip(db: Db, config: Config, actor: Actor, ctx: AuditContext, id: string): Promise<{ stream: Readable; fileName: string }> {
  const { call, space } = await loadInScope(db, actor, id, 'application.export_materials');
  const attachments = await repo.attachments(db, id);
  const slotName = new Map(call.materialSlots.map((s) => [s.key, s.name]));
  const paths = uniqueEntryNames(attachments.map((a) => entryPath(slotName.get(a.slotKey) ?? a.slotKey, a.fileName)));
  await audit.record(db, ctx, { action: 'application.export.materials', objectType: 'application', objectId: id, detail: { files: attachments.length } });
  const opened: Readable[] = [];
  try {
    for (const a of attachments) opened.push((await openLinkedFile(db, config, ctx, a.fileId, { objectType: 'application', objectId: id })).stream);
  } catch (err) {
    for (const s of opened) s.destroy();
    throw err;
  }
  const manifest = csvWithBom([
    ['材料项 slot', '材料名称 slot name', '文件 path', '原文件名 file name', '大小（字节） size', 'SHA-256', '上传人 uploader', '上传时间 uploaded at'],
    ...attachments.map((a, i) => [a.slotKey, slotName.get(a.slotKey) ?? '', paths[i]!, a.fileName, a.sizeBytes, a.sha256, a.addedByName, shanghaiIso(a.addedAt)]),
  ]);
  const stream = zipStream([{ name: 'manifest.csv', data: manifest }, ...paths.map((name, i) => ({ name, data: opened[i]! }))]);
  return { stream, fileName: `申报材料-${space.name}.zip` };
}
