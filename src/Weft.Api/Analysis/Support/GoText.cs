using System.Globalization;
using System.Text;

namespace Weft.Api.Analysis.Support;

/// <summary>
/// Renders message arguments the way Istio's Go templates do (<c>%v</c> of a slice is
/// <c>[a b c]</c>, <c>%q</c> is a double-quoted string with Go's escapes), so Weft's wording is
/// character for character Istio's.
/// </summary>
internal static class GoText
{
    /// <summary><c>%v</c> of a slice: <c>[a b c]</c>.</summary>
    public static string List<T>(IEnumerable<T>? items) =>
        "[" + string.Join(" ", (items ?? []).Select(i => Convert.ToString(i, CultureInfo.InvariantCulture))) + "]";

    /// <summary><c>%q</c> of a string: quoted, with backslash, quote and control characters escaped.</summary>
    public static string Quote(string? s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s ?? "")
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                        sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
