// Replay is data for a signed-in dispatcher: nothing to render on the server.
export const ssr = false;
