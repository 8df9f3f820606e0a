// The timetable is read by the signed-in user's browser: nothing to render on the server.
export const ssr = false;
