// Results on time are for signed-in authorised roles only: nothing to render on the server.
export const ssr = false;
