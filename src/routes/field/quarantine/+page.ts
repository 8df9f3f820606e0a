// The officer's phone: live data for a signed-in officer, and a queue kept in this browser.
export const ssr = false;
