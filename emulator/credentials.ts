/**
 * The fixed test credentials the emulator accepts when TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN
 * (and TWILIO_API_KEY / TWILIO_API_SECRET) are not set. They are recognisable on purpose, so
 * tests can grep state and logs for them.
 */
export const TEST_ACCOUNT_SID = "AC00000000000000000000000000e0e0e0";
export const TEST_AUTH_TOKEN = "e0e0e0e0authtoken0e0e0e0e0e0e0e0";
export const TEST_API_KEY = "SK00000000000000000000000000e0e0e0";
export const TEST_API_SECRET = "e0e0e0e0apisecret0e0e0e0e0e0e0e0";

export interface EmulatorCredentials {
  accountSid: string;
  authToken: string;
  apiKeys: { sid: string; secret: string }[];
}

/** Credentials from the environment when set, else the fixed test pair (and test API key). */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): EmulatorCredentials {
  const accountSid = env.TWILIO_ACCOUNT_SID || TEST_ACCOUNT_SID;
  const authToken = env.TWILIO_AUTH_TOKEN || TEST_AUTH_TOKEN;
  const apiKeys =
    env.TWILIO_API_KEY && env.TWILIO_API_SECRET
      ? [{ sid: env.TWILIO_API_KEY, secret: env.TWILIO_API_SECRET }]
      : [{ sid: TEST_API_KEY, secret: TEST_API_SECRET }];
  return { accountSid, authToken, apiKeys };
}
