// The SDK client every peer script uses: what a user would write, with every Twilio host sent to the
// emulator (as ci's --api-url does). TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_CI_API_URL.
import twilio from 'twilio';

export function sdkClient() {
  const base = process.env.TWILIO_CI_API_URL;
  const delegate = new twilio.RequestClient();
  const httpClient = {
    request(options) {
      const target = new URL(options.uri);
      return delegate.request({ ...options, uri: new URL(target.pathname + target.search, base).href });
    },
  };
  return twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN, { httpClient });
}
