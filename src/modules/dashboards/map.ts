/**
 * The reviewed map an authority administrator may upload for its jurisdiction's dashboards. China's
 * map rules (《地图管理条例》) require a published map to carry its review number (审图号), so the
 * upload needs one and every map drawn from it prints it; the GeoJSON must key every feature by a
 * GB/T 2260 code that exists and lies in the uploader's jurisdiction, so the dashboard's figures
 * (keyed by region code) land on the right shapes.
 */
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, fieldError } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';

/** At most this many features (the country's counties are ≈ 2,900). */
export const MAX_FEATURES = 5_000;
/** The request body limit of the upload: a simplified provincial or national map fits well below it. */
export const MAP_BODY_LIMIT = 8 * 1024 * 1024;

const GEOMETRIES = new Set(['Polygon', 'MultiPolygon']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The feature's region code: `code`, or `adcode` as the common public GeoJSON files name it (a number there). */
function codeOf(properties: Record<string, unknown>): string | null {
  const raw = properties.code ?? properties.adcode;
  const code = typeof raw === 'number' ? String(raw) : raw;
  return typeof code === 'string' && /^\d{6}$/.test(code) ? code : null;
}

/** Checks the shape and keeps of each feature only its geometry, code and name. */
function parseCollection(geojson: unknown) {
  const field = 'body.geojson';
  if (!isObject(geojson) || geojson.type !== 'FeatureCollection') throw fieldError(field, '应为 GeoJSON FeatureCollection 对象', 'must be a GeoJSON FeatureCollection object');
  const features = geojson.features;
  if (!Array.isArray(features) || features.length === 0) throw fieldError(`${field}.features`, '应为非空的要素数组', 'must be a non-empty array of features');
  if (features.length > MAX_FEATURES) throw fieldError(`${field}.features`, `要素不能超过 ${MAX_FEATURES} 个`, `at most ${MAX_FEATURES} features`);
  return features.map((f: unknown, i) => {
    const at = `${field}.features.${i}`;
    if (!isObject(f) || f.type !== 'Feature') throw fieldError(at, '应为 GeoJSON Feature 对象', 'must be a GeoJSON Feature');
    if (!isObject(f.geometry) || !GEOMETRIES.has(String(f.geometry.type)) || !Array.isArray(f.geometry.coordinates)) throw fieldError(`${at}.geometry`, '应为 Polygon 或 MultiPolygon 几何对象', 'must be a Polygon or MultiPolygon geometry');
    const properties = isObject(f.properties) ? f.properties : {};
    const code = codeOf(properties);
    if (!code) throw fieldError(`${at}.properties.code`, '缺少 6 位行政区划代码（code 或 adcode）', 'missing the 6-digit region code (code or adcode)');
    const name = typeof properties.name === 'string' ? properties.name.slice(0, 100) : '';
    return { type: 'Feature' as const, properties: { code, name }, geometry: { type: String(f.geometry.type), coordinates: f.geometry.coordinates } };
  });
}

export async function uploadMap(db: Db, actor: Actor, ctx: AuditContext, body: { approvalNo: string; geojson?: unknown }) {
  if (!can(actor, 'dashboard.map_upload')) throw new AppError('FORBIDDEN');
  const features = parseCollection(body.geojson);
  const codes = [...new Set(features.map((f) => f.properties.code))];
  const inScope = await repo.codesWithin(db, codes, actor.jurisdictionPath!);
  const index = features.findIndex((f) => !inScope.has(f.properties.code));
  if (index >= 0) {
    const code = features[index]!.properties.code;
    throw fieldError(`body.geojson.features.${index}.properties.code`, `行政区划代码“${code}”不存在或不在本辖区内`, `region code "${code}" does not exist or lies outside your jurisdiction`);
  }
  return db.transaction(async (tx) => {
    const id = await repo.upsertMap(tx, { regionCode: actor.org.regionCode, approvalNo: body.approvalNo, geojson: { type: 'FeatureCollection', features }, featureCount: features.length, uploadedBy: actor.userId });
    await audit.recordInTx(tx, ctx, { action: 'dashboard.map_upload', objectType: 'dashboard_map', objectId: id, detail: { regionCode: actor.org.regionCode, approvalNo: body.approvalNo, features: features.length } });
    return { regionCode: actor.org.regionCode, approvalNo: body.approvalNo, featureCount: features.length };
  });
}
