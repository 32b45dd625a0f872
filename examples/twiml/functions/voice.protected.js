// Voice webhook: says the greeting, then reads back the caller's digits if they press any.
// `ms` comes from package.json's dependencies: the Build installs it ("5s", "1 minute" both work).
const ms = require("ms");

exports.handler = function (context, event, callback) {
  const twiml = new Twilio.twiml.VoiceResponse();
  if (event.Digits) {
    twiml.say(`You pressed ${event.Digits.split("").join(" ")}. Goodbye!`);
    twiml.hangup();
  } else {
    twiml.say(context.VOICE_GREETING || "Hello");
    const gather = twiml.gather({ numDigits: 1, timeout: ms(context.GATHER_TIMEOUT || "5s") / 1000 });
    gather.say("Press any key.");
  }
  callback(null, twiml);
};
