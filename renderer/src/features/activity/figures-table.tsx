/** One row: its header cell (a lap's number, an effort's name) and its figures, in the columns' order. */
export interface FiguresRow {
  key: string | number;
  head: string;
  cells: readonly string[];
}

/**
 * The activity page's tables (laps, splits, best efforts, best power) are all one shape: a caption that names the table,
 * a header per column, and each row led by a header cell of its own. Nothing is drawn without rows.
 */
export function FiguresTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: readonly string[];
  rows: readonly FiguresRow[];
}) {
  if (rows.length === 0) return null;
  return (
    <table className="lap-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.head}</th>
            {r.cells.map((c, i) => (
              <td key={i}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
