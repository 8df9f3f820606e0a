/**
 * Plays a platform gateway forwarding vehicle positions at a target rate, in a process of its own
 * so that generating load does not slow the dashboards that measure. Each event is stamped with
 * the time it is sent; a dashboard's latency is its receive time minus that stamp.
 *
 * argv: <ingest URL[,URL…]> <bearer token or -> <events per second> <seconds> <vehicles> [<sites> <seconds between a site's queue readings>]
 * Several URLs (ingest processes of a cluster) take the requests in turn.
 * With sites, every site of the metro scenario (M-S00001…) also reports its queue at that interval.
 * Prints one JSON line: { sent, accepted, refused, errors }.
 */
const [urlList, token, rateText, secondsText, vehiclesText] = process.argv.slice(2);
const urls = urlList.split(',');
let nextUrl = 0;
const rate = Number(rateText);
const seconds = Number(secondsText);
const vehicles = Number(vehiclesText);
const sites = Number(process.argv[7] ?? 0);
const siteEverySeconds = Number(process.argv[8] ?? 5);
const TICK_MS = 50;
const MAX_PER_REQUEST = 1000;
const perTick = Math.max(1, Math.round((rate * TICK_MS) / 1000));
let sent = 0;
let accepted = 0;
let refused = 0;
let errors = 0;
let counter = 0;
const runId = Date.now().toString(36);
const inFlight = new Set<Promise<void>>();

function batch() {
	const at = new Date().toISOString();
	return Array.from({ length: perTick }, () => {
		const n = counter++;
		const vehicle = n % vehicles;
		return {
			type: 'courier.position',
			id: `bench-${runId}-${n}`,
			deviceId: `phone-M-V${String(vehicle + 1).padStart(5, '0')}`,
			vehicleId: `M-V${String(vehicle + 1).padStart(5, '0')}`,
			at,
			lat: 29.3 + (n % 800) / 1000,
			lon: 115.6 + (n % 1000) / 1000,
			crs: 'wgs84',
			speedKmh: 30
		};
	});
}

let siteCounter = 0;
/** This tick's share of queue readings: every site once per siteEverySeconds. */
function siteBatch() {
	if (sites === 0) return [];
	const perTick = Math.max(1, Math.round((sites * TICK_MS) / (siteEverySeconds * 1000)));
	const at = new Date().toISOString();
	return Array.from({ length: perTick }, () => {
		const n = siteCounter++;
		const code = `M-S${String((n % sites) + 1).padStart(5, '0')}`;
		return { type: 'site.queue', id: `bench-${runId}-q${n}`, deviceId: `tablet-${code}`, siteId: code, at, queueLength: (n * 7919) % 700 };
	});
}

async function post(events: object[]) {
	sent += events.length;
	try {
		const response = await fetch(urls[nextUrl++ % urls.length], {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...(token !== '-' ? { authorization: `Bearer ${token}` } : {}) },
			body: JSON.stringify({ events })
		});
		const answer = (await response.json()) as { accepted?: number };
		if (response.ok) accepted += answer.accepted ?? 0;
		else refused += events.length;
	} catch {
		errors += events.length;
	}
}

const started = Date.now();
const timer = setInterval(() => {
	if (Date.now() - started >= seconds * 1000) {
		clearInterval(timer);
		Promise.all(inFlight).then(() => {
			console.log(JSON.stringify({ sent, accepted, refused, errors }));
			process.exit(0);
		});
		return;
	}
	// Never more than 50 requests open: past that, the server is not keeping up and the rate shows it.
	if (inFlight.size >= 50) return;
	// A request carries at most the API's 1,000 events; higher rates send several per tick.
	const events: object[] = [...batch(), ...siteBatch()];
	for (let start = 0; start < events.length; start += MAX_PER_REQUEST) {
		const request = post(events.slice(start, start + MAX_PER_REQUEST)).finally(() => inFlight.delete(request));
		inFlight.add(request);
	}
}, TICK_MS);
