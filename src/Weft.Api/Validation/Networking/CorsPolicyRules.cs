using System.Collections.Frozen;
using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>CORS: origins, methods, header names and max age.</summary>
internal static class CorsPolicyRules
{
    /// <summary>The methods Go's net/http names; CORS allowMethods must be among them.</summary>
    public static readonly FrozenSet<string> Methods =
        new[] { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE" }.ToFrozenSet(StringComparer.Ordinal);

    public static void Check(ErrorList errors, string path, CorsPolicy? cors)
    {
        if (cors is null)
            return;
        if (cors.AllowOrigins is { } origins)
        {
            for (var i = 0; i < origins.Count; i++)
            {
                var at = FieldPath.Index(FieldPath.Child(path, "allowOrigins"), i);
                var o = origins[i];
                if (StringMatchRules.OneOf(at, o) is { } oneOf)
                {
                    errors.Add(oneOf);
                    continue;
                }
                var value = o.Exact ?? o.Prefix ?? o.Regex;
                if (string.IsNullOrEmpty(value))
                    errors.Invalid(at, "'' is not a valid match type for CORS allow origins");
                else if (o.Regex is { } regex)
                    errors.Add(RegexRules.Re2(FieldPath.Child(at, "regex"), regex));
            }
        }
        List(errors, FieldPath.Child(path, "allowMethods"), cors.AllowMethods, m => Methods.Contains(m) ? null : $"\"{m}\" is not a supported HTTP method");
        List(errors, FieldPath.Child(path, "allowHeaders"), cors.AllowHeaders, HeaderRules.CheckCorsName);
        List(errors, FieldPath.Child(path, "exposeHeaders"), cors.ExposeHeaders, HeaderRules.CheckCorsName);
        var maxAgePath = FieldPath.Child(path, "maxAge");
        if (DurationRules.AtLeastOneMillisecond(maxAgePath, cors.MaxAge) is { } maxAgeError)
            errors.Add(maxAgeError);
        else if (cors.MaxAge is { } maxAge && maxAge.Value.Ticks % TimeSpan.TicksPerSecond != 0)
            errors.Invalid(maxAgePath, maxAge.Text, "max_age duration is accurate only to seconds precision");
    }

    private static void List(ErrorList errors, string path, IReadOnlyList<string>? items, Func<string, string?> rule)
    {
        if (items is null)
            return;
        for (var i = 0; i < items.Count; i++)
            if (rule(items[i]) is { } reason)
                errors.Invalid(FieldPath.Index(path, i), items[i], reason);
    }
}
