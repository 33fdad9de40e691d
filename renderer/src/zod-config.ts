// zod builds each object schema a fast parser with `new Function`, probing for it as the schema is made, unless told
// not to. The window's CSP (index.html: script-src 'self', no 'unsafe-eval') forbids it, and the probe is reported as
// a violation even though zod catches it. Imported first by main.tsx, so it is set before any module makes a schema.
import { z } from 'zod';

z.config({ jitless: true });
