exports.handler = (context, event, callback) => callback(null, { hello: event.name || "world" });
