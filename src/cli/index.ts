import { Command } from 'commander';
import { VERSION } from '../shared/version.ts';

const program = new Command('hatchery').description('Hatchery 众创空间备案与服务平台 — 运维命令').version(VERSION);

program
  .command('version')
  .description('打印版本')
  .action(() => console.log(VERSION));

await program.parseAsync(process.argv);
