// Voice webhook: says the greeting, then reads back the caller's digits if they press any.
exports.handler = function (context, event, callback) {
  const twiml = new Twilio.twiml.VoiceResponse();
  if (event.Digits) {
    twiml.say(`You pressed ${event.Digits.split("").join(" ")}. Goodbye!`);
    twiml.hangup();
  } else {
    twiml.say(context.VOICE_GREETING || "Hello");
    const gather = twiml.gather({ numDigits: 1, timeout: 5 });
    gather.say("Press any key.");
  }
  callback(null, twiml);
};
