namespace Weft.Api.Binding;

/// <summary>Finds the known name a mistyped one was meant to be.</summary>
public static class Suggest
{
    /// <summary>
    /// The closest candidate: an exact match ignoring case, then one whose snake_case spelling
    /// matches (protobuf names such as <c>max_connections</c>), then the nearest by edit distance
    /// within a third of the name's length.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var list = candidates as IReadOnlyCollection<string> ?? candidates.ToList();
        foreach (var c in list)
            if (string.Equals(c, name, StringComparison.OrdinalIgnoreCase))
                return c;
        var squashed = name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        foreach (var c in list)
            if (string.Equals(c, squashed, StringComparison.OrdinalIgnoreCase))
                return c;
        string? best = null;
        var bestDistance = int.MaxValue;
        var limit = Math.Max(1, name.Length / 3);
        foreach (var c in list)
        {
            var d = Distance(name.ToLowerInvariant(), c.ToLowerInvariant());
            if (d <= limit && d < bestDistance)
            {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
