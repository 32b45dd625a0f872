/**
 * Mocha root hook (required by .mocharc.json before any test file loads): the whole test run
 * starts from an environment with no TWILIO_* or PULUMI_* variable of the user's shell, so
 * in-process emulators, the provider under test and every child process see only what a test
 * sets itself. Tests that set variables restore them; this file runs once, at load.
 */
import { scrubProcessEnv } from "../scripts/hermetic-env";

scrubProcessEnv();
