import { LukhasError } from '../../errors.js';

/**
 * A small RFC 4180 CSV reader: comma-separated, fields in double quotes may hold commas, newlines and doubled
 * quotes (""), CRLF or LF line ends, a UTF-8 BOM is skipped. Each row comes with the 1-based line it starts on,
 * so errors can name it. A quote that is never closed is an error naming its line.
 */
export function parseCsv(text: string, source = 'csv'): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let fields: string[] = [];
  let field = '';
  let rowLine = 1;
  let quoted = false;
  let openedAt = 0;
  let any = false;
  const endRow = () => {
    fields.push(field);
    // a blank line is no row
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
    any = false;
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (!any) { rowLine = line; any = true; }
    if (c === '"' && field === '') { quoted = true; openedAt = line; }
    else if (c === ',') { fields.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
    } else field += c;
  }
  if (quoted) throw new LukhasError('BAD_INPUT', `${source}:${openedAt}: a quoted field is never closed`, { details: { source, line: openedAt } });
  if (any || field !== '' || fields.length > 0) endRow();
  return rows;
}
