// GET /hello → which release this is and where it runs.
exports.handler = function (context, event, callback) {
  callback(null, `release 1 (${context.APP_ENV})`);
};
