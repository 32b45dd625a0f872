// /admin/status: protected, so only requests signed by Twilio (X-Twilio-Signature) reach it.
exports.handler = function (context, event, callback) {
  callback(null, {
    environment: context.APP_ENV,
    domain: context.DOMAIN_NAME,
    logLevel: context.LOG_LEVEL,
  });
};
