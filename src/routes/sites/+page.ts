// The board is live data for a signed-in leader: nothing to render on the server.
export const ssr = false;
