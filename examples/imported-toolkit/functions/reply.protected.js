exports.handler = (context, event, callback) => callback(null, "thanks");
