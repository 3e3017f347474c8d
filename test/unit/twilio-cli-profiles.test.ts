import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/lib/errors.js';
import { parseTwilioCliConfig, twilioCliConfigPath } from '../../src/lib/twilio-cli-profiles.js';

const AC = 'AC0123456789abcdef0123456789abcdef';
const SK = 'SK0123456789abcdef0123456789abcdef';
const parse = (config: unknown) => parseTwilioCliConfig('config.json', JSON.stringify(config));

describe("twilio-cli's config.json", () => {
  it('turns a profile with an API key into the profile ci saves, with region, the global edge and the active one', () => {
    const [prod, other] = parse({
      profiles: {
        prod: { accountSid: AC, apiKey: SK, apiSecret: 's3cret', region: 'ie1' },
        other: { accountSid: AC, apiKey: SK, apiSecret: 'x' },
      },
      activeProfile: 'prod',
      edge: 'dublin',
    });
    expect(prod).toEqual({
      name: 'prod',
      accountSid: AC,
      apiKey: SK,
      region: 'ie1',
      edge: 'dublin',
      active: true,
      profile: { accountSid: AC, apiKey: SK, apiSecret: 's3cret', region: 'ie1', edge: 'dublin' },
    });
    expect(other).toMatchObject({ name: 'other', active: false, profile: { accountSid: AC, apiKey: SK, apiSecret: 'x', edge: 'dublin' } });
    expect(other?.profile).not.toHaveProperty('region');
  });

  it('says why a profile cannot be imported, and saves nothing for it', () => {
    const found = parse({
      profiles: {
        keychain: { accountSid: AC },
        'bad name!': { accountSid: AC, apiKey: SK, apiSecret: 'x' },
        noaccount: { accountSid: 'AC1', apiKey: SK, apiSecret: 'x' },
        nosecret: { accountSid: AC, apiKey: SK, apiSecret: '' },
      },
    });
    expect(found.map(({ name, problem, profile }) => ({ name, problem, profile }))).toEqual([
      {
        name: 'keychain',
        problem: 'no API key and secret in the file (older twilio-cli keeps them in the system keychain); use `ci login` instead',
        profile: undefined,
      },
      { name: 'bad name!', problem: 'its name is not a valid ci profile name', profile: undefined },
      { name: 'noaccount', problem: 'no valid account SID', profile: undefined },
      {
        name: 'nosecret',
        problem: 'no API key and secret in the file (older twilio-cli keeps them in the system keychain); use `ci login` instead',
        profile: undefined,
      },
    ]);
  });

  it('reads the projects of twilio-cli before 2.0 too', () => {
    const [project] = parse({ projects: [{ id: 'old', accountSid: AC, apiKey: SK, apiSecret: 'x' }] });
    expect(project).toMatchObject({ name: 'old', profile: { accountSid: AC } });
    expect(parse({})).toEqual([]);
  });

  it('refuses a file that is not a JSON object, naming it', () => {
    expect(() => parseTwilioCliConfig('/home/u/.twilio-cli/config.json', '{"profiles":')).toThrow(UsageError);
    expect(() => parseTwilioCliConfig('/home/u/.twilio-cli/config.json', '{"profiles":')).toThrow(
      /^\/home\/u\/\.twilio-cli\/config\.json: not JSON/,
    );
    expect(() => parseTwilioCliConfig('c.json', 'null')).toThrow('c.json: expected a JSON object');
  });

  it('lives under $HOME/.twilio-cli', () => {
    expect(twilioCliConfigPath({ HOME: '/home/u' })).toBe('/home/u/.twilio-cli/config.json');
  });
});
