/** The seed article's generative custom operator (prompt, JSON schema, training examples). */
export const SEED_OPERATOR_CONFIG = {
  prompt: 'この会話は顧客からの製品に関する問合せです。 会話の内容から、フィードバックの種類を category として pricing / other のいずれかで分類してください。 ユーザーの感情を emotion として positive / neutral / negative のいずれかで分類してください。',
  json_result_schema: { type: 'object', properties: { category: { type: 'string' }, emotion: { type: 'string' } } },
  examples: [
    { input: 'How much your product?', output: '{"category":"pricing","emotion":"neutral"}' },
    { input: 'We cannot find your products.', output: '{"category":"other","emotion":"negative"}' },
  ],
};
