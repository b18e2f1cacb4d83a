import { expect } from 'vitest';
import { statementProbe } from '../../src/db/client.ts';
import { stageOf, type ChainTemplateKey } from '../../src/shared/chains.ts';
import { COMPLETE_BASIC_INFO, COMPLETE_REPORT } from '../../src/modules/applications/fixtures.test-helper.ts';
import { transitionInTx } from '../../src/modules/workflow/index.ts';
import { SYSTEM_CONTEXT } from '../../src/modules/audit/service.ts';
import { createSpaceInTx, findSpaceById } from '../../src/modules/spaces/service.ts';
import { signIn, type Agent } from './agent.ts';
import type { TestApp } from './app.ts';
import { fileUpload, SAMPLE } from './multipart.ts';

/** The chains the demo data has an open call for. */
export type DemoChain = Exclude<ChainTemplateKey, 'province_national' | 'change_report'>;

/** The demo operator applying in each chain (src/seed/demo.ts): 长葛 → 许昌, 沈阳 → 辽宁, 南京 → 江苏/national. */
export const CHAIN_OPERATOR: Record<DemoChain, string> = {
  xuchang_city: 'op_cg_admin',
  liaoning_province: 'op_robot_admin',
  jiangsu_national: 'op_univ_admin',
};

export async function uploadFile(agent: Agent, name: string, data: Buffer = SAMPLE.pdf): Promise<{ id: string; sha256: string }> {
  const { payload, headers } = fileUpload(name, data);
  const res = await agent.request('POST', '/api/files', payload, { headers });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const agents = new Map<string, Agent>();
let seq = 0;

/** The requests of an operator's submission, as the surge bench names them. */
export type SubmissionStep = 'create' | 'dossier' | 'upload' | 'attach' | 'assessment' | 'confirm' | 'submit';

export interface Submitted {
  id: string;
  callId: string;
  spaceId: string;
  spaceName: string;
  operatorName: string;
  operator: Agent;
}

/**
 * The demo operator of `chain` applies to the chain's open demo call: the whole dossier filled,
 * every required material uploaded, the commitment confirmed, submitted through the API. With
 * `newSpace` the space is a fresh copy of the operator's demo space (a space applies once per call,
 * so tests that need many applications copy it); otherwise the demo space itself applies. With
 * `callId` the operator applies to that call instead (the chain then only names the operator).
 */
export async function submitDemoApplication(t: TestApp, chain: DemoChain, opts: { newSpace?: boolean; callId?: string; statements?: Map<SubmissionStep, number> } = {}): Promise<Submitted> {
  // With `statements`, each step's request is counted (upload and attach: the last one's).
  const step = async <T,>(name: SubmissionStep, work: () => Promise<T>): Promise<T> => {
    if (!opts.statements) return work();
    const { result, statements } = await statementProbe.count(work);
    opts.statements.set(name, statements);
    return result;
  };
  const key = `${t.config.dataDir}:${CHAIN_OPERATOR[chain]}`;
  const operator = agents.get(key) ?? (await signIn(t.app, CHAIN_OPERATOR[chain]));
  agents.set(key, operator);
  const open = (await operator.get('/api/calls/open')).json().items as { id: string; chain: { key: string; shipped: boolean } | null; materialSlots: { key: string; name: string; required: boolean }[]; eligibleSpaces: { id: string }[] }[];
  // The demo call on the shipped chain, or the call named (one on an authority's own chain, say).
  const call = open.find((c) => (opts.callId ? c.id === opts.callId : c.chain?.shipped && c.chain.key === chain));
  expect(call, `no open demo call for ${chain}`).toBeDefined();
  const demo = (await findSpaceById(t.ctx.db, call!.eligibleSpaces[0]!.id))!;
  let space: { id: string; name: string } = demo;
  if (opts.newSpace) {
    seq += 1;
    const name = demo.category === 'professional' ? demo.name.replace('专业化众创空间', `${seq}号专业化众创空间`) : `${demo.name}${seq}号`;
    space = await t.ctx.db.transaction((tx) =>
      createSpaceInTx(tx, SYSTEM_CONTEXT, demo.operator, {
        name,
        category: demo.category,
        regularType: demo.regularType,
        industry: demo.industry,
        regionCode: demo.regionCode,
        hostIds: demo.hosts.map((h) => h.id),
        managementSystems: demo.managementSystems,
      }),
    );
  }
  const created = await step('create', () => operator.post('/api/applications', { callId: call!.id, spaceId: space.id }));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const saved = await step('dossier', () => operator.put(`/api/applications/${id}/dossier`, { revision: created.json().revision, basicInfo: { ...COMPLETE_BASIC_INFO, spaceName: space.name }, report: COMPLETE_REPORT }));
  expect(saved.statusCode, saved.body).toBe(200);
  for (const slot of call!.materialSlots.filter((s) => s.required)) {
    const file = await step('upload', () => uploadFile(operator, `${slot.name}.pdf`));
    const res = await step('attach', () => operator.post(`/api/applications/${id}/attachments`, { slotKey: slot.key, fileId: file.id }));
    expect(res.statusCode, res.body).toBe(201);
  }
  if (opts.statements) expect((await step('assessment', () => operator.get(`/api/applications/${id}/assessment`))).statusCode).toBe(200);
  expect((await step('confirm', () => operator.post(`/api/applications/${id}/commitment/confirm`, {}))).statusCode).toBe(200);
  const submitted = await step('submit', () => operator.post(`/api/applications/${id}/submit`, { revision: saved.json().revision }));
  expect(submitted.statusCode, submitted.body).toBe(200);
  return { id, callId: call!.id, spaceId: space.id, spaceName: space.name, operatorName: demo.operator.name, operator };
}

/**
 * A submitted application of a new copy of `chain`'s demo space, moved straight to `stageKey`
 * (each module tests its own stage; the journey tests walk the whole chain through the endpoints).
 */
export async function applicationAtStage(t: TestApp, chain: DemoChain, stageKey: string): Promise<Submitted> {
  const submitted = await submitDemoApplication(t, chain, { newSpace: true });
  await t.ctx.db.transaction((tx) => transitionInTx(tx, SYSTEM_CONTEXT, null, submitted.id, { action: 'advance', enterStage: stageOf(chain, stageKey)! }));
  return submitted;
}
