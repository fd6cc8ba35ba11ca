namespace Weft.Bench.Tools;

/// <summary>Parses one tab-separated line of raw measurements.</summary>
internal delegate bool MeasurementParser<T>(string line, out T measurement);

/// <summary>
/// Reads the raw measurements run.sh writes (one tab-separated line per case, topology and
/// round; blank lines and <c>#</c> comments skipped), naming the file and line of any it cannot
/// parse, for the report commands of every mode.
/// </summary>
internal static class MeasurementFile
{
    public static List<T> Read<T>(string file, MeasurementParser<T> parse, string columns, List<string> errors)
    {
        var rows = new List<T>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(file))
        {
            lineNo++;
            if (line.Length == 0 || line[0] == '#')
                continue;
            if (parse(line, out var m))
                rows.Add(m);
            else
                errors.Add($"{file}:{lineNo}: expected '{columns}' separated by tabs, got '{line}'");
        }
        return rows;
    }
}
