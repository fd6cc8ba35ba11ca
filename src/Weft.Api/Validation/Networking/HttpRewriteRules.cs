using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>A rewrite changes the path (by prefix or by regex, not both) and/or the authority.</summary>
internal static class HttpRewriteRules
{
    public static void Check(ErrorList errors, string path, HttpRewrite? rewrite, Headers? headers)
    {
        if (rewrite is null)
            return;
        var hasUri = !string.IsNullOrEmpty(rewrite.Uri);
        if (hasUri && rewrite.UriRegexRewrite is not null)
            errors.Forbidden(FieldPath.Child(path, "uriRegexRewrite"), "rewrite may only contain one of URI or UriRegexRewrite");
        if (!hasUri && rewrite.UriRegexRewrite is null && string.IsNullOrEmpty(rewrite.Authority))
            errors.Invalid(path, "rewrite must specify at least one of URI, UriRegexRewrite, or authority. Only one of URI or UriRegexRewrite may be specified");
        if (rewrite.UriRegexRewrite is { } regex)
        {
            var at = FieldPath.Child(path, "uriRegexRewrite");
            if (string.IsNullOrEmpty(regex.Match) || string.IsNullOrEmpty(regex.Rewrite))
                errors.Required(at, "UriRegexRewrite requires both Rewrite and Match fields to be specified");
            else
                errors.Add(RegexRules.Re2(FieldPath.Child(at, "match"), regex.Match));
        }
        AuthorityOnce(errors, path, rewrite, headers);
    }

    // The authority can be rewritten by rewrite.authority or by setting :authority/host; only once.
    private static void AuthorityOnce(ErrorList errors, string path, HttpRewrite rewrite, Headers? headers)
    {
        var current = rewrite.Authority ?? "";
        foreach (var (op, map) in new[] { ("set", headers?.Request?.Set), ("add", headers?.Request?.Add) })
        {
            if (map is null)
                continue;
            foreach (var (name, value) in map)
            {
                if (!HeaderRules.IsAuthority(name))
                    continue;
                if (current.Length > 0)
                {
                    errors.Invalid(FieldPath.Key(FieldPath.Child(FieldPath.Child(FieldPath.Parent(path)!, "headers.request"), op), name), value,
                        $"authority header cannot be set multiple times: have \"{current}\", attempting to set \"{value}\"");
                    return;
                }
                current = value;
            }
        }
    }
}
