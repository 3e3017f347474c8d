// The setting flags of create and update, as the library's TranscriptionSettings (only those given).
import type { Context } from '../../lib/context.js';
import { resolveConversationConfigurationId } from '../../lib/conversations-v2.js';
import { checkRoles, type TranscriptionSettings } from '../../lib/transcriptions.js';

interface SettingFlags {
  conversationConfiguration?: string;
  engine?: string;
  speechModel?: string;
  language?: string;
  roles?: string[];
  statusCallback?: string;
}

export async function settingsFrom(ctx: Context, flags: SettingFlags): Promise<Partial<TranscriptionSettings>> {
  const ref = flags.conversationConfiguration;
  return {
    ...(ref === undefined ? {} : { conversationConfigurationId: await resolveConversationConfigurationId(await ctx.client(), ref) }),
    ...(flags.engine === undefined ? {} : { engine: flags.engine }),
    ...(flags.speechModel === undefined ? {} : { speechModel: flags.speechModel }),
    ...(flags.language === undefined ? {} : { language: flags.language }),
    ...(flags.roles === undefined ? {} : { roles: checkRoles(flags.roles) }),
    ...(flags.statusCallback === undefined ? {} : { statusCallbackUrl: flags.statusCallback }),
  };
}
