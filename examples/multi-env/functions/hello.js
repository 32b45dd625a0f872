// GET /hello?name=Ada → a greeting in the style this environment's GREETING_STYLE picks,
// read from the private asset greetings.json (packaged with the build, not served by URL).
exports.handler = function (context, event, callback) {
  const greetings = JSON.parse(Runtime.getAssets()["/greetings.json"].open());
  const template = greetings[context.GREETING_STYLE] || greetings.casual;
  const name = event.name || "there";
  callback(null, `${template.replace("{name}", name)} (${context.APP_ENV})`);
};
