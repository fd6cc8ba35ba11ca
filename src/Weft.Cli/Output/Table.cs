using System.Text;

namespace Weft.Cli.Output;

/// <summary>A kubectl-style table: upper-case headers, columns padded to the widest cell plus three spaces.</summary>
public sealed class Table(IReadOnlyList<string> headers)
{
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public void Add(params string[] cells) => _rows.Add(cells);

    public override string ToString()
    {
        var widths = new int[headers.Count];
        for (var i = 0; i < headers.Count; i++)
            widths[i] = headers[i].Length;
        foreach (var r in _rows)
            for (var i = 0; i < r.Length && i < widths.Length; i++)
                widths[i] = Math.Max(widths[i], r[i].Length);
        var sb = new StringBuilder();
        Append(sb, headers, widths);
        foreach (var r in _rows)
            Append(sb, r, widths);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, IReadOnlyList<string> cells, int[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < cells.Count ? cells[i] : "";
            if (i == widths.Length - 1)
                sb.Append(cell);
            else
                sb.Append(cell.PadRight(widths[i] + 3));
        }
        sb.Append('\n');
    }
}
