// FHIR date search values (R4 search.html#date) -> XDS time ranges: inclusive From, exclusive
// To, as 14-digit UTC DTM (ITI TF-2 3.18.4.1.2.3.7). A value stands for the whole interval
// of its precision, so "eq2024" is [2024, 2025).
export interface DtmRange {
  from?: string;
  to?: string;
}

const VALUE =
  /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

const dtm = (ms: number) => new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);

/** The interval a value denotes, or an error message. */
export function dateInterval(raw: string): { prefix: string; start: string; end: string } | string {
  const m = VALUE.exec(raw);
  if (!m) return `'${raw}' is not a FHIR date search value ([prefix]YYYY[-MM[-DD[Thh:mm[:ss][zone]]]])`;
  const [, prefix = 'eq', y, mo, d, h, mi, s, tz] = m;
  const Y = Number(y),
    M = mo ? Number(mo) - 1 : 0,
    D = d ? Number(d) : 1;
  let start: number, end: number;
  if (h) {
    start = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${tz ?? 'Z'}`);
    end = start + (s ? 1_000 : 60_000);
  } else {
    start = Date.UTC(Y, M, D);
    end = d ? Date.UTC(Y, M, D + 1) : mo ? Date.UTC(Y, M + 1, 1) : Date.UTC(Y + 1, 0, 1);
  }
  if (Number.isNaN(start) || (mo && (M < 0 || M > 11))) return `'${raw}' is not a valid date`;
  return { prefix, start: dtm(start), end: dtm(end) };
}

/** AND of several values of one parameter -> one range; unsupported prefixes are errors. */
export function dateRange(values: readonly string[]): DtmRange | string {
  const r: DtmRange = {};
  const from = (v: string) => {
    if (!r.from || v > r.from) r.from = v;
  };
  const to = (v: string) => {
    if (!r.to || v < r.to) r.to = v;
  };
  for (const raw of values) {
    const i = dateInterval(raw);
    if (typeof i === 'string') return i;
    switch (i.prefix) {
      case 'eq':
        from(i.start);
        to(i.end);
        break;
      case 'ge':
        from(i.start);
        break;
      case 'gt':
        from(i.end);
        break;
      case 'le':
        to(i.end);
        break;
      case 'lt':
        to(i.start);
        break;
      default:
        return `prefix '${i.prefix}' is not supported here (eq, ge, gt, le, lt are)`;
    }
  }
  return r;
}
