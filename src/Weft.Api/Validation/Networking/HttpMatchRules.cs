using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>The matches of an HTTP rule.</summary>
internal static class HttpMatchRules
{
    // delegating: The rule delegates, or is in a delegate: Envoy cannot merge regex matches across them.
    public static void Check(ErrorList errors, string path, IReadOnlyList<HttpMatchRequest>? matches, bool delegating)
    {
        if (matches is null)
            return;
        for (var i = 0; i < matches.Count; i++)
            One(errors, FieldPath.Index(path, i), matches[i], delegating);
    }

    private static void One(ErrorList errors, string path, HttpMatchRequest m, bool delegating)
    {
        StringMatchRules.Check(errors, FieldPath.Child(path, "uri"), m.Uri, emptyPrefixAllowed: true);
        StringMatchRules.Check(errors, FieldPath.Child(path, "scheme"), m.Scheme);
        StringMatchRules.Check(errors, FieldPath.Child(path, "method"), m.Method);
        StringMatchRules.Check(errors, FieldPath.Child(path, "authority"), m.Authority);
        HeaderMap(errors, FieldPath.Child(path, "headers"), m.Headers, presentMatchAllowed: false);
        // In withoutHeaders, regex "*" is not RE2: it means "the header is present".
        HeaderMap(errors, FieldPath.Child(path, "withoutHeaders"), m.WithoutHeaders, presentMatchAllowed: true);
        if (m.QueryParams is { } query)
            foreach (var (name, match) in query)
                StringMatchRules.Check(errors, FieldPath.Key(FieldPath.Child(path, "queryParams"), name), match);
        if (delegating)
            NoRegexWhenDelegating(errors, path, m);
        errors.Add(PortRules.IfSet(FieldPath.Child(path, "port"), m.Port));
        errors.AddRange(Rules.Labels(FieldPath.Child(path, "sourceLabels"), m.SourceLabels));
        GatewayNameRules.Check(errors, FieldPath.Child(path, "gateways"), m.Gateways);
        if (!string.IsNullOrEmpty(m.SourceNamespace) && !HostRules.IsDns1123Label(m.SourceNamespace))
            errors.Invalid(FieldPath.Child(path, "sourceNamespace"), m.SourceNamespace, $"sourceNamespace match {m.SourceNamespace} is invalid");
    }

    private static void HeaderMap(ErrorList errors, string path, IReadOnlyDictionary<string, StringMatch>? headers, bool presentMatchAllowed)
    {
        if (headers is null)
            return;
        foreach (var (name, match) in headers)
        {
            var at = FieldPath.Key(path, name);
            if (HeaderRules.CheckNameOrJwtClaim(name) is { } reason)
                errors.Invalid(at, name, reason);
            if (presentMatchAllowed && match.Regex == "*")
                continue;
            StringMatchRules.Check(errors, at, match);
        }
    }

    private static void NoRegexWhenDelegating(ErrorList errors, string path, HttpMatchRequest m)
    {
        void Forbid(string field, StringMatch? match)
        {
            if (StringMatchRules.IsRegex(match))
                errors.Forbidden(FieldPath.Child(FieldPath.Child(path, field), "regex"), $"{field} match does not support regex match for delegating");
        }

        Forbid("uri", m.Uri);
        Forbid("scheme", m.Scheme);
        Forbid("method", m.Method);
        Forbid("authority", m.Authority);
        foreach (var (field, map) in new[] { ("headers", m.Headers), ("queryParams", m.QueryParams), ("withoutHeaders", m.WithoutHeaders) })
        {
            if (map is null)
                continue;
            foreach (var (name, match) in map)
                if (StringMatchRules.IsRegex(match))
                    errors.Forbidden(FieldPath.Key(FieldPath.Child(path, field), name), $"{field} match {name} does not support regex match for delegating");
        }
    }
}
