// SMS webhook: echoes the message back, or explains itself when the message is empty.
exports.handler = function (context, event, callback) {
  const twiml = new Twilio.twiml.MessagingResponse();
  const body = (event.Body || "").trim();
  twiml.message(body ? `You said: ${body}` : "Send me a message and I will echo it.");
  callback(null, twiml);
};
