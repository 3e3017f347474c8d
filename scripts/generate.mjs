// `npm run generate`: writes the code generated from the sources (after `npm run build`, whose output it reads).
import { writeFileSync } from 'node:fs';
import { validatorSource } from './validator-source.mjs';

const { CONFIG_SCHEMA } = await import('../dist/lib/apply/config-schema.js');
const target = new URL('../src/lib/apply/config-validator.generated.ts', import.meta.url);
writeFileSync(target, validatorSource(CONFIG_SCHEMA));
console.log(`wrote ${target.pathname}`);
