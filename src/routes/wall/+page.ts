// The wall is a live map: nothing to render on the server.
export const ssr = false;
