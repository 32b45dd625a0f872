// GET /hello?name=Ada → "Hello, Ada!" (the greeting comes from the GREETING variable).
exports.handler = function (context, event, callback) {
  const greeting = context.GREETING || "Hello";
  const name = event.name || "World";
  callback(null, `${greeting}, ${name}!`);
};
