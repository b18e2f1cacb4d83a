/** Expert review's actions, grouped by who does them (the routes call them through here). */
export * from './assignments.ts';
export * from './expert-work.ts';
export * from './pool.ts';
export * from './reads.ts';
export * from './score-sheets.ts';
export * from './stage-results.ts';
