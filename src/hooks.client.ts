import { z } from 'zod';

// Zod probes `new Function` to compile its parsers; the pages' Content-Security-Policy forbids eval,
// and the browser reports the probe as a violation even though zod catches it. Parse without it.
z.config({ jitless: true });
