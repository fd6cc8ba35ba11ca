using System.Text;
using Weft.Discovery.Security;

namespace Weft.Proxy.Security.Authorization;

/// <summary>
/// The path authorization matches (Istio's pathNormalization): BASE resolves dot segments
/// (Kestrel has already decoded the path, except <c>%2F</c>, and removed them; this repeats it
/// for paths built otherwise); MERGE_SLASHES also merges repeated slashes;
/// DECODE_AND_MERGE_SLASHES first decodes <c>%2F</c> and <c>%5C</c> and turns backslashes into
/// slashes, so <c>/admin%2F..%2Fx</c> and <c>//admin</c> cannot slip past a rule on <c>/admin</c>.
/// </summary>
public static class PathNormalizer
{
    public static string Normalize(string path, PathNormalization? mode)
    {
        if (mode == PathNormalization.None)
            return path;
        if (mode == PathNormalization.DecodeAndMergeSlashes && (path.Contains('%', StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal)))
        {
            path = path.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase)
                .Replace("%5C", "/", StringComparison.OrdinalIgnoreCase)
                .Replace('\\', '/');
        }
        if (mode is PathNormalization.MergeSlashes or PathNormalization.DecodeAndMergeSlashes && path.Contains("//", StringComparison.Ordinal))
        {
            var b = new StringBuilder(path.Length);
            foreach (var c in path)
                if (c != '/' || b.Length == 0 || b[^1] != '/')
                    b.Append(c);
            path = b.ToString();
        }
        return RemoveDotSegments(path);
    }

    /// <summary>RFC 3986 section 5.2.4, on a path that starts with a slash.</summary>
    private static string RemoveDotSegments(string path)
    {
        if (!path.Contains("/.", StringComparison.Ordinal))
            return path;
        var output = new List<string>();
        var segments = path.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            var s = segments[i];
            var last = i == segments.Length - 1;
            if (s == ".")
            {
                if (last)
                    output.Add("");
                continue;
            }
            if (s == "..")
            {
                if (output.Count > 0)
                    output.RemoveAt(output.Count - 1);
                if (last)
                    output.Add("");
                continue;
            }
            output.Add(s);
        }
        return "/" + string.Join('/', output);
    }
}
