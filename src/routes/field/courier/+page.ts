// A phone's page of live data, sent with the device credential from the browser.
export const ssr = false;
