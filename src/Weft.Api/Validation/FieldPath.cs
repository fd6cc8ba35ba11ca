using System.Globalization;

namespace Weft.Api.Validation;

/// <summary>Builds field paths in Kubernetes' notation: <c>spec.http[0].route</c>, <c>metadata.labels[app]</c>.</summary>
public static class FieldPath
{
    public static string Child(string parent, string field) => parent.Length == 0 ? field : parent + "." + field;

    public static string Index(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public static string Key(string parent, string key) => parent + "[" + key + "]";

    /// <summary>The path one level up, or null at the root: <c>a.b[1]</c> -> <c>a.b</c> -> <c>a</c> -> null.</summary>
    public static string? Parent(string path)
    {
        if (path.Length == 0)
            return null;
        if (path[^1] == ']')
        {
            var open = path.LastIndexOf('[');
            return open <= 0 ? null : path[..open];
        }
        var dot = path.LastIndexOf('.');
        var bracket = path.LastIndexOf(']');
        if (dot < 0)
            return bracket >= 0 ? path[..(bracket + 1)] : "";
        return path[..dot];
    }
}
