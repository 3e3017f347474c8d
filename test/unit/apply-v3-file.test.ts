// The `v3:` section of a configuration file: what loading keeps, and its problems at file:line:column.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createFiles } from '../../src/lib/adapters/files.js';
import { loadDesiredState } from '../../src/lib/apply/load.js';

const files = createFiles(new PassThrough(), new AbortController().signal);
const load = (text: string, env: Record<string, string> = {}) => loadDesiredState('f.yaml', text, { env, files });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected an error'),
    (error: Error & { exitCode: number }) => error,
  );

describe('the v3 section', () => {
  it('keeps only the fields an operator gives, and reads rule operators as name, NAME@N or an object', async () => {
    const state = await load(
      [
        'v3:',
        '  operators:',
        '    - displayName: a',
        '      prompt: Hi {{parameters.p}}',
        '      parameters: {p: {type: STRING, default: x}}',
        '  configurations:',
        '    - displayName: c',
        '      rules:',
        '        - operators: [a, b@2, {operator: c@3, parameters: {k: 1}}]',
        '          actions: [{url: "${HOOK}"}]',
        '',
      ].join('\n'),
      { HOOK: 'https://example.com/h' },
    );
    expect(state.v3?.operators).toEqual([
      {
        displayName: 'a',
        fields: { prompt: 'Hi {{parameters.p}}', parameters: { p: { type: 'STRING', default: 'x' } } },
        where: 'f.yaml:3:7',
      },
    ]);
    expect(state.v3?.configurations[0]?.rules).toEqual([
      {
        operators: [
          { ref: 'a', where: 'f.yaml:9:23' },
          { ref: 'b', version: 2, where: 'f.yaml:9:26' },
          { ref: 'c', version: 3, parameters: { k: 1 }, where: 'f.yaml:9:31' },
        ],
        triggers: [],
        actions: [{ type: 'WEBHOOK', method: 'POST', url: 'https://example.com/h' }],
      },
    ]);
    expect(state.v3?.sections).toEqual({ operators: true, configurations: true });
  });

  it('reports schema problems at their places: too many operators in a rule, a version below 1', async () => {
    const error = await failure(
      load(
        [
          'v3:',
          '  configurations:',
          '    - displayName: c',
          '      rules:',
          '        - operators: [a, a, a, a, a, a]',
          '        - operators: [{operator: a, version: 0}]',
          '',
        ].join('\n'),
      ),
    );
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('f.yaml:5:22: operators must NOT have more than 5 items; f.yaml:6:46: version must be >= 1');
  });

  it('then the items: a repeated name, an operator without a prompt, both version forms', async () => {
    const error = await failure(
      load(
        [
          'v3:',
          '  operators:',
          '    - displayName: a',
          '    - displayName: a',
          '      prompt: Hi',
          '  configurations:',
          '    - displayName: c',
          '      rules:',
          '        - operators: [{operator: a@1, version: 2}]',
          '',
        ].join('\n'),
      ),
    );
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      [
        'f.yaml:4:20: v3 operator "a" is already defined at item 1',
        'f.yaml:3:7: v3 operator "a" needs prompt or promptFile',
        'f.yaml:9:39: give a@1 or version, not both',
      ].join('; '),
    );
  });

  it('lets two operators share a name when each gives its id', async () => {
    const id = (n: number) => `intelligence_operator_0${String(n).padStart(25, '0')}`;
    const state = await load(
      ['v3:', '  operators:', ...[1, 2].flatMap((n) => [`    - displayName: twin`, `      id: ${id(n)}`, '      prompt: Hi']), ''].join(
        '\n',
      ),
    );
    expect(state.v3?.operators.map((operator) => operator.id)).toEqual([id(1), id(2)]);
  });
});
