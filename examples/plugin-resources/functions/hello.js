exports.handler = (context, event, callback) => callback(null, `${context.GREETING}, ${event.name || "World"}!`);
