/**
 * The credentials the emulator accepts. `startEmulator()` uses the fixed test pair below unless
 * given others: an in-process emulator never takes the shell's TWILIO_* (a Twilio developer's
 * real ones). Only the `twilio-serverless-emulator` bin reads them (credentialsFromEnv), so a
 * team can point its usual environment at it. The test pair is recognisable on purpose, so
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

/** The fixed test pair and test API key. */
export function testCredentials(): EmulatorCredentials {
  return {
    accountSid: TEST_ACCOUNT_SID,
    authToken: TEST_AUTH_TOKEN,
    apiKeys: [{ sid: TEST_API_KEY, secret: TEST_API_SECRET }],
  };
}

/** The bin's default: credentials from the environment when set, else the test pair (and test API key). */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): EmulatorCredentials {
  const test = testCredentials();
  return {
    accountSid: env.TWILIO_ACCOUNT_SID || test.accountSid,
    authToken: env.TWILIO_AUTH_TOKEN || test.authToken,
    apiKeys:
      env.TWILIO_API_KEY && env.TWILIO_API_SECRET
        ? [{ sid: env.TWILIO_API_KEY, secret: env.TWILIO_API_SECRET }]
        : test.apiKeys,
  };
}
